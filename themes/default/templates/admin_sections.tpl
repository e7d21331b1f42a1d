{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page" aria-labelledby="taxonomy-heading">
<h1 id="taxonomy-heading">{{heading}}</h1>
{{#TAXONOMY_NOTICE}}<p class="form-notice" role="status">{{message}}</p>{{/TAXONOMY_NOTICE}}
<p class="hint">{{t_admin_sections_hint}}</p>
{{#NO_ITEMS}}<p class="empty">{{t_admin_no_sections}}</p>{{/NO_ITEMS}}
<ol class="taxonomy">
{{#ITEM}}<li class="taxonomy-item" id="section-{{id}}"><h2 class="taxonomy-name"><span class="position">{{position}}.</span> <a href="{{public_url}}">{{current_name}}</a></h2>
<form method="post" action="/admin/sections/{{id}}/rename" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><label for="name-{{id}}">{{t_admin_name}}</label><input id="name-{{id}}" name="name" value="{{name}}" required{{#NAME_INVALID}} aria-invalid="true" aria-describedby="error-{{id}}"{{/NAME_INVALID}}> <label for="slug-{{id}}">{{t_admin_address}}</label><input id="slug-{{id}}" name="slug" value="{{slug}}" autocapitalize="none" spellcheck="false"{{#SLUG_INVALID}} aria-invalid="true" aria-describedby="error-{{id}}"{{/SLUG_INVALID}}> <button type="submit">{{t_admin_rename}}</button></form>
{{#ROW_ERROR}}<p class="field-error" id="error-{{id}}" role="alert">{{message}}</p>{{/ROW_ERROR}}
<div class="order">{{#CAN_UP}}<form method="post" action="/admin/sections/{{id}}/up" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary" aria-label="{{t_admin_move_up}}: {{current_name}}">↑ {{t_admin_up}}</button></form>{{/CAN_UP}}{{#CAN_DOWN}}<form method="post" action="/admin/sections/{{id}}/down" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary" aria-label="{{t_admin_move_down}}: {{current_name}}">↓ {{t_admin_down}}</button></form>{{/CAN_DOWN}}</div>
</li>
{{/ITEM}}
</ol>
<h2 id="new-heading">{{t_admin_new_section_heading}}</h2>
{{#NEW_ITEM}}{{#ROW_ERROR}}<p class="form-error" id="error-new" role="alert">{{message}}</p>{{/ROW_ERROR}}
<form method="post" action="/admin/sections" class="stacked" aria-labelledby="new-heading"><input type="hidden" name="csrf" value="{{csrf}}">
<label for="new-name">{{t_admin_name}}</label><input id="new-name" name="name" value="{{name}}" required{{#NAME_INVALID}} aria-invalid="true" aria-describedby="error-new"{{/NAME_INVALID}}>
<label for="new-slug">{{t_admin_address}}</label><input id="new-slug" name="slug" value="{{slug}}" autocapitalize="none" spellcheck="false" aria-describedby="new-slug-hint{{#SLUG_INVALID}} error-new{{/SLUG_INVALID}}"{{#SLUG_INVALID}} aria-invalid="true"{{/SLUG_INVALID}}><p class="hint" id="new-slug-hint">{{t_admin_slug_from_name}}</p>
<button type="submit">{{t_admin_create}}</button>
</form>{{/NEW_ITEM}}
</section>
