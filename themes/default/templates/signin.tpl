{{%AUTOESCAPE context="HTML"}}
<section class="form-page" aria-labelledby="form-heading">
<h1 id="form-heading">{{t_sign_in}}</h1>
{{#ERROR}}<p class="form-error" role="alert">{{message}}</p>{{/ERROR}}
<form method="post" action="/account/signin" class="stacked">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="next" value="{{next}}">
<label for="email">{{t_email}}</label>
<input id="email" name="email" type="email" value="{{email}}" required autocomplete="email">
<label for="password">{{t_password}}</label>
<input id="password" name="password" type="password" required autocomplete="current-password">
<button type="submit">{{t_sign_in}}</button>
</form>
<p>{{t_no_account}} <a href="/account/signup?next={{next_q}}">{{t_sign_up}}</a></p>
</section>
