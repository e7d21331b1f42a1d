{{%AUTOESCAPE context="HTML"}}
<section class="moderation" aria-labelledby="log-heading">
<h1 id="log-heading">{{heading}}</h1>
<nav class="tabs" aria-label="{{t_moderation}}"><a href="/moderation">{{t_queue_pending}}</a> <a href="/moderation/reported">{{t_queue_reported}}</a> <a href="/moderation/log" aria-current="page">{{t_moderation_log}}</a></nav>
{{#LOG_EMPTY}}<p class="empty">{{t_log_empty}}</p>{{/LOG_EMPTY}}
<table class="log">
<thead><tr><th scope="col">{{t_when}}</th><th scope="col">{{t_who}}</th><th scope="col">{{t_what}}</th><th scope="col">{{t_details}}</th></tr></thead>
<tbody>
{{#ROW}}<tr><td><time datetime="{{iso}}">{{time_label}}</time></td><td>{{actor}}</td><td>{{action}}</td><td>{{#COMMENT_LINK}}<a href="{{url}}">{{t_comment}} #{{id}}</a> {{/COMMENT_LINK}}{{#ACCOUNT}}{{t_account}} #{{id}} {{/ACCOUNT}}{{#ARTICLE_LINK}}<a href="{{url}}">{{t_article}} #{{id}}</a> {{/ARTICLE_LINK}}{{detail}}</td></tr>
{{/ROW}}
</tbody>
</table>
<nav class="pagination" aria-label="{{t_pages}}">{{#NEWER}}<a href="{{url}}" rel="prev">{{t_previous}}</a> {{/NEWER}}{{#OLDER}}<a href="{{url}}" rel="next">{{t_next}}</a>{{/OLDER}}</nav>
</section>
