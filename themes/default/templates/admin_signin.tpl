{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="form-page admin-signin" aria-labelledby="signin-heading">
<h1 id="signin-heading">{{t_admin_sign_in}}</h1>
<p>{{t_admin_sign_in_text}}</p>
{{#SIGNIN_ERROR}}<p class="form-error" role="alert" id="signin-error">{{message}}</p>{{/SIGNIN_ERROR}}
<form method="post" action="/admin/signin" class="stacked">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="next" value="{{next}}">
<label for="email">{{t_email}}</label>
<input id="email" name="email" type="email" value="{{email}}" required autocomplete="username"{{#SIGNIN_ERROR}} aria-describedby="signin-error"{{/SIGNIN_ERROR}}>
<label for="password">{{t_password}}</label>
<input id="password" name="password" type="password" required autocomplete="current-password">
<button type="submit">{{t_sign_in}}</button>
</form>
</section>
