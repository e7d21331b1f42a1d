{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page" aria-labelledby="staff-heading">
<h1 id="staff-heading">{{heading}}</h1>
{{#STAFF_NOTICE}}<p class="form-notice" role="status">{{message}}</p>{{/STAFF_NOTICE}}
{{#NEW_PASSWORD}}<div class="form-notice once" role="status" id="new-staff"><p>{{t_admin_staff_added}} <strong>{{email}}</strong></p><p>{{t_admin_password_once}}</p><p class="secret"><code id="new-password">{{password}}</code></p></div>{{/NEW_PASSWORD}}
<div class="table-scroll"><table class="admin-table">
<thead><tr><th scope="col">{{t_display_name}}</th><th scope="col">{{t_email}}</th><th scope="col">{{t_role}}</th><th scope="col">{{t_admin_change_role}}</th></tr></thead>
<tbody>
{{#MEMBER}}<tr id="member-{{id}}"><td>{{name}}{{#IS_YOU}} <span class="badge">{{t_admin_you}}</span>{{/IS_YOU}}</td><td>{{email}}</td><td>{{role}}</td><td><form method="post" action="/admin/staff/{{id}}/role" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><label for="role-{{id}}" class="visually-hidden">{{t_admin_role_of}} {{name}}</label><select id="role-{{id}}" name="role">{{#ROLE_CHOICE}}<option value="{{value}}"{{#ROLE_CHOSEN}} selected{{/ROLE_CHOSEN}}>{{label}}</option>{{/ROLE_CHOICE}}</select> <button type="submit" class="secondary">{{t_admin_change_role}}</button></form>{{#MEMBER_ERROR}}<p class="field-error" role="alert">{{message}}</p>{{/MEMBER_ERROR}}</td></tr>
{{/MEMBER}}
</tbody>
</table></div>
<h2 id="add-heading">{{t_admin_add_staff}}</h2>
{{#ADD_ERROR}}<p class="form-error" role="alert" id="add-error">{{message}}</p>{{/ADD_ERROR}}
<form method="post" action="/admin/staff" class="stacked" aria-labelledby="add-heading"><input type="hidden" name="csrf" value="{{csrf}}">
<label for="new-email">{{t_email}}</label><input id="new-email" name="email" type="email" required value="{{new_email}}"{{#NEW_EMAIL_INVALID}} aria-invalid="true" aria-describedby="add-error"{{/NEW_EMAIL_INVALID}}>
<label for="new-name">{{t_display_name}}</label><input id="new-name" name="name" value="{{new_name}}" aria-describedby="new-name-hint{{#NEW_NAME_INVALID}} add-error{{/NEW_NAME_INVALID}}"{{#NEW_NAME_INVALID}} aria-invalid="true"{{/NEW_NAME_INVALID}}><p class="hint" id="new-name-hint">{{t_admin_name_hint}}</p>
<label for="new-role">{{t_role}}</label><select id="new-role" name="role"{{#NEW_ROLE_INVALID}} aria-invalid="true" aria-describedby="add-error"{{/NEW_ROLE_INVALID}}>{{#NEW_ROLE}}<option value="{{value}}"{{#NEW_ROLE_CHOSEN}} selected{{/NEW_ROLE_CHOSEN}}>{{label}}</option>{{/NEW_ROLE}}</select>
<button type="submit">{{t_admin_add}}</button>
</form>
</section>
