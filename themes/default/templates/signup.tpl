{{%AUTOESCAPE context="HTML"}}
<section class="form-page" aria-labelledby="form-heading">
<h1 id="form-heading">{{t_sign_up}}</h1>
{{#ERROR}}<p class="form-error" role="alert">{{message}}</p>{{/ERROR}}
<form method="post" action="/account/signup" class="stacked">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="next" value="{{next}}">
<label for="display_name">{{t_display_name}}</label>
<input id="display_name" name="display_name" value="{{display_name}}" required minlength="2" maxlength="50" autocomplete="nickname"{{#INVALID_display_name}} aria-invalid="true"{{/INVALID_display_name}}>
<p class="hint">{{t_display_name_hint}}</p>
<label for="email">{{t_email}}</label>
<input id="email" name="email" type="email" value="{{email}}" required autocomplete="email"{{#INVALID_email}} aria-invalid="true"{{/INVALID_email}}>
<label for="password">{{t_password}}</label>
<input id="password" name="password" type="password" required autocomplete="new-password" aria-describedby="password-hint"{{#INVALID_password}} aria-invalid="true"{{/INVALID_password}}>
<p class="hint" id="password-hint">{{password_hint}}</p>
<button type="submit">{{t_sign_up}}</button>
</form>
<p>{{t_have_account}} <a href="/account/signin?next={{next_q}}">{{t_sign_in}}</a></p>
</section>
