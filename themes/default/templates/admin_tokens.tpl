{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page" aria-labelledby="tokens-heading">
<h1 id="tokens-heading">{{heading}}</h1>
<p class="hint">{{t_admin_tokens_hint}}</p>
{{#TOKEN_NOTICE}}<p class="form-notice" role="status">{{message}}</p>{{/TOKEN_NOTICE}}
{{#NEW_TOKEN}}<div class="form-notice once" role="status" id="new-token-notice"><p>{{t_admin_token_made}} <strong>{{name}}</strong></p><p>{{t_admin_token_once}}</p><p class="secret"><code id="new-token">{{token}}</code></p></div>{{/NEW_TOKEN}}
{{#NO_TOKENS}}<p class="empty">{{t_admin_no_tokens}}</p>{{/NO_TOKENS}}
<div class="table-scroll"><table class="admin-table">
<thead><tr><th scope="col">{{t_admin_name}}</th><th scope="col">{{t_role}}</th><th scope="col">{{t_admin_created}}</th><th scope="col">{{t_admin_last_used}}</th><th scope="col">{{t_admin_token_state}}</th></tr></thead>
<tbody>
{{#TOKEN}}<tr id="token-{{id}}"><td>{{name}}</td><td>{{role}}</td><td><time datetime="{{created_iso}}">{{created_label}}</time></td><td>{{#USED}}<time datetime="{{used_iso}}">{{used_label}}</time>{{/USED}}{{#NEVER_USED}}{{t_admin_never}}{{/NEVER_USED}}</td><td>{{#REVOKED}}{{t_admin_revoked}} <time datetime="{{revoked_iso}}">{{revoked_label}}</time>{{/REVOKED}}{{#CAN_REVOKE}}<form method="post" action="/admin/tokens/{{id}}/revoke" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="danger" aria-label="{{t_admin_revoke}}: {{name}}">{{t_admin_revoke}}</button></form>{{/CAN_REVOKE}}</td></tr>
{{/TOKEN}}
</tbody>
</table></div>
<h2 id="create-heading">{{t_admin_create_token}}</h2>
{{#TOKEN_ERROR}}<p class="form-error" role="alert" id="token-error">{{message}}</p>{{/TOKEN_ERROR}}
<form method="post" action="/admin/tokens" class="stacked" aria-labelledby="create-heading"><input type="hidden" name="csrf" value="{{csrf}}">
<label for="token-name">{{t_admin_token_name}}</label><input id="token-name" name="name" value="{{new_name}}" required{{#TOKEN_NAME_INVALID}} aria-invalid="true" aria-describedby="token-error"{{/TOKEN_NAME_INVALID}}>
<label for="token-role">{{t_role}}</label><select id="token-role" name="role"{{#TOKEN_ROLE_INVALID}} aria-invalid="true" aria-describedby="token-error"{{/TOKEN_ROLE_INVALID}}>{{#TOKEN_ROLE}}<option value="{{value}}"{{#TOKEN_ROLE_CHOSEN}} selected{{/TOKEN_ROLE_CHOSEN}}>{{label}}</option>{{/TOKEN_ROLE}}</select>
<button type="submit">{{t_admin_create}}</button>
</form>
</section>
