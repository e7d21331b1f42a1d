{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page" aria-labelledby="welcome-heading">
<h1 id="welcome-heading">{{t_admin_newsroom}}</h1>
<p>{{t_admin_welcome_moderator}}</p>
{{#WELCOME_MODERATE}}<p><a href="/moderation">{{t_admin_go_moderation}}</a></p>{{/WELCOME_MODERATE}}
</section>
