{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page" aria-labelledby="taxonomy-heading">
<h1 id="taxonomy-heading">{{heading}}</h1>
{{#TAXONOMY_NOTICE}}<p class="form-notice" role="status">{{message}}</p>{{/TAXONOMY_NOTICE}}
<p class="hint">{{t_admin_tags_hint}}</p>
{{#MERGE}}<h2 id="merge-heading">{{t_admin_merge_tags}}</h2>
<p class="hint">{{t_admin_merge_hint}}</p>
{{#MERGE_ERROR}}<p class="form-error" role="alert" id="merge-error">{{message}}</p>{{/MERGE_ERROR}}
<form method="post" action="{{merge_action}}" class="inline" aria-labelledby="merge-heading"><input type="hidden" name="csrf" value="{{csrf}}"><label for="merge-from">{{t_admin_merge_from}}</label><select id="merge-from" name="from">{{#FROM_TAG}}<option value="{{id}}">{{name}}</option>{{/FROM_TAG}}</select> <label for="merge-into">{{t_admin_merge_into}}</label><select id="merge-into" name="into">{{#INTO_TAG}}<option value="{{id}}">{{name}}</option>{{/INTO_TAG}}</select> <button type="submit">{{t_admin_merge}}</button></form>{{/MERGE}}
<h2 id="new-heading">{{t_admin_new_tag_heading}}</h2>
{{#NEW_ITEM}}{{#ROW_ERROR}}<p class="form-error" id="error-new" role="alert">{{message}}</p>{{/ROW_ERROR}}
<form method="post" action="{{create_action}}" class="inline" aria-labelledby="new-heading"><input type="hidden" name="csrf" value="{{csrf}}">
<label for="new-name">{{t_admin_name}}</label><input id="new-name" name="name" value="{{name}}" required{{#NAME_INVALID}} aria-invalid="true" aria-describedby="error-new"{{/NAME_INVALID}}>
<label for="new-slug">{{t_admin_address}}</label><input id="new-slug" name="slug" value="{{slug}}" autocapitalize="none" spellcheck="false" placeholder="{{t_admin_slug_from_name}}"{{#SLUG_INVALID}} aria-invalid="true" aria-describedby="error-new"{{/SLUG_INVALID}}>
<button type="submit">{{t_admin_create}}</button>
</form>{{/NEW_ITEM}}
<h2 id="list-heading">{{t_admin_all_tags}}</h2>
<form method="get" action="/admin/tags" class="admin-filters" role="search" aria-label="{{t_admin_filter_tags}}">
<div class="field"><label for="filter-q">{{t_admin_tag_contains}}</label><input id="filter-q" name="q" type="search" value="{{q}}"></div>
<button type="submit">{{t_admin_filter}}</button>
</form>
{{#TAG_TOTAL}}<p class="admin-total">{{total}}</p>{{/TAG_TOTAL}}
{{#NO_ITEMS}}<p class="empty">{{t_admin_no_tags}}</p>{{/NO_ITEMS}}
{{#NO_MATCHES}}<p class="empty">{{t_admin_no_tag_matches}}</p>{{/NO_MATCHES}}
<ul class="taxonomy">
{{#ITEM}}<li class="taxonomy-item" id="tag-{{id}}"><a class="taxonomy-name" href="{{public_url}}">{{current_name}}</a>
<form method="post" action="{{rename_action}}" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><label for="name-{{id}}">{{t_admin_name}}</label><input id="name-{{id}}" name="name" value="{{name}}" required{{#NAME_INVALID}} aria-invalid="true" aria-describedby="error-{{id}}"{{/NAME_INVALID}}> <label for="slug-{{id}}">{{t_admin_address}}</label><input id="slug-{{id}}" name="slug" value="{{slug}}" autocapitalize="none" spellcheck="false"{{#SLUG_INVALID}} aria-invalid="true" aria-describedby="error-{{id}}"{{/SLUG_INVALID}}> <button type="submit" class="secondary">{{t_admin_rename}}</button></form>
{{#ROW_ERROR}}<p class="field-error" id="error-{{id}}" role="alert">{{message}}</p>{{/ROW_ERROR}}
</li>
{{/ITEM}}
</ul>
{{#PAGINATION}}<nav class="pagination" aria-label="{{t_pages}}">{{#PREVIOUS}}<a href="{{url}}" rel="prev">{{t_admin_previous_page}}</a>{{/PREVIOUS}} <span class="position">{{position}}</span> {{#NEXT}}<a href="{{url}}" rel="next">{{t_admin_next_page}}</a>{{/NEXT}}</nav>{{/PAGINATION}}
</section>
