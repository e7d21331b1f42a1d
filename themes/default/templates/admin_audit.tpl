{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page" aria-labelledby="audit-heading">
<h1 id="audit-heading">{{heading}}</h1>
{{#AUDIT_EMPTY}}<p class="empty">{{t_log_empty}}</p>{{/AUDIT_EMPTY}}
<div class="table-scroll"><table class="admin-table log">
<thead><tr><th scope="col">{{t_when}}</th><th scope="col">{{t_who}}</th><th scope="col">{{t_what}}</th><th scope="col">{{t_details}}</th></tr></thead>
<tbody>
{{#ENTRY}}<tr><td><time datetime="{{when_iso}}">{{when_label}}</time></td><td>{{who}}</td><td><code>{{action}}</code></td><td>{{detail}}{{#ENTRY_ARTICLE}} <a href="{{url}}">{{t_admin_open_article}}</a>{{/ENTRY_ARTICLE}}</td></tr>
{{/ENTRY}}
</tbody>
</table></div>
<nav class="pagination" aria-label="{{t_pages}}">{{#NEWER}}<a href="{{url}}" rel="prev">{{t_previous}}</a>{{/NEWER}} {{#OLDER}}<a href="{{url}}" rel="next">{{t_next}}</a>{{/OLDER}}</nav>
</section>
