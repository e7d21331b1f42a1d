{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="{{asset_admin_css}}">
{{#ADMIN_NAV}}<nav class="admin-bar" aria-label="{{t_admin_newsroom}}">
<ul class="admin-links">
{{#ADMIN_LINK}}<li><a href="{{url}}"{{#ADMIN_HERE}} aria-current="page"{{/ADMIN_HERE}}>{{label}}</a></li>{{/ADMIN_LINK}}
</ul>
<form method="post" action="/admin/signout" class="admin-signout"><input type="hidden" name="csrf" value="{{csrf}}"><span class="admin-who">{{who}} · {{role}}</span> <button type="submit" class="secondary">{{t_sign_out}}</button></form>
</nav>{{/ADMIN_NAV}}
