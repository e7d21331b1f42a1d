{{%AUTOESCAPE context="HTML"}}
<section class="account" aria-labelledby="account-heading">
<h1 id="account-heading">{{t_your_account}}</h1>
{{#NOTICE}}<p class="form-notice" role="status">{{message}}</p>{{/NOTICE}}
<dl class="facts">
<dt>{{t_display_name}}</dt><dd>{{display_name}}</dd>
<dt>{{t_email}}</dt><dd>{{email}}</dd>
<dt>{{t_role}}</dt><dd>{{role}}</dd>
</dl>
{{#MODERATOR}}<p><a href="/moderation">{{t_moderation}}</a></p>{{/MODERATOR}}
{{#BANNED}}<p class="form-error">{{t_banned_note}}</p>{{/BANNED}}
{{#UNCONFIRMED}}<form method="post" action="/account/confirm" class="inline"><p>{{t_confirm_email_note}}</p><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{t_resend_confirmation}}</button></form>{{/UNCONFIRMED}}
<form method="post" action="/account/signout" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{t_sign_out}}</button></form>

<h2 id="password-heading">{{t_change_password}}</h2>
<form method="post" action="/account/password" class="stacked" aria-labelledby="password-heading">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="current_password">{{t_current_password}}</label>
<input id="current_password" name="current_password" type="password" required autocomplete="current-password">
<label for="new_password">{{t_new_password}}</label>
<input id="new_password" name="new_password" type="password" required autocomplete="new-password">
<button type="submit">{{t_change_password}}</button>
</form>

<h2>{{t_sessions}}</h2>
<table class="sessions">
<thead><tr><th scope="col">{{t_browser}}</th><th scope="col">{{t_address}}</th><th scope="col">{{t_last_seen}}</th><th scope="col"><span class="visually-hidden">{{t_actions}}</span></th></tr></thead>
<tbody>
{{#SESSION}}<tr><td>{{browser}}</td><td>{{ip}}</td><td><time datetime="{{iso}}">{{last_seen}}</time></td><td>{{#THIS_ONE}}{{t_this_browser}}{{/THIS_ONE}}{{#OTHER}}<form method="post" action="/account/sessions/{{id}}/end" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{t_end_session}}</button></form>{{/OTHER}}</td></tr>
{{/SESSION}}
</tbody>
</table>

<h2>{{t_download_data}}</h2>
<p>{{t_download_data_text}} <a href="/account/export" download>{{t_download_data}}</a></p>

<h2 id="delete-heading">{{t_delete_account}}</h2>
<p>{{t_delete_account_text}}</p>
<form method="post" action="/account/delete" class="stacked" aria-labelledby="delete-heading">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="delete_password">{{t_password}}</label>
<input id="delete_password" name="password" type="password" required autocomplete="current-password">
<label class="check"><input type="checkbox" name="confirm" value="yes" required> {{t_delete_confirm_label}}</label>
<button type="submit" class="danger">{{t_delete_account}}</button>
</form>
</section>
