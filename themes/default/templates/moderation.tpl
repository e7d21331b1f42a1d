{{%AUTOESCAPE context="HTML"}}
<section class="moderation" aria-labelledby="moderation-heading">
<h1 id="moderation-heading">{{t_moderation}}</h1>
<nav class="tabs" aria-label="{{t_moderation}}"><a href="/moderation"{{#TAB_PENDING}} aria-current="page"{{/TAB_PENDING}}>{{t_queue_pending}} ({{pending_count}})</a> <a href="/moderation/reported"{{#TAB_REPORTED}} aria-current="page"{{/TAB_REPORTED}}>{{t_queue_reported}} ({{reported_count}})</a> <a href="/moderation/log">{{t_moderation_log}}</a></nav>
<h2>{{heading}}</h2>
{{#QUEUE_EMPTY}}<p class="empty">{{t_queue_empty}}</p>{{/QUEUE_EMPTY}}
<ol class="queue">
{{#ENTRY}}<li class="queue-item" id="queued-{{comment_id}}">
<p class="queue-context">{{t_on_article}} <a href="{{article_url}}">{{article_headline}}</a></p>
{{#CONTEXT}}<blockquote class="parent"><p class="comment-meta">{{t_in_reply_to}} {{parent_author}}</p>{{parent_html:none}}</blockquote>{{/CONTEXT}}
<div class="queued-comment"><p class="comment-meta"><span class="author">{{author}}</span> <time datetime="{{iso}}">{{time_label}}</time> <span class="approved">{{t_approved_before}} {{approved}}</span></p>
<div class="comment-body">{{body_html:none}}</div></div>
{{#NOTE}}<p class="note">{{t_held_because}} {{note}}</p>{{/NOTE}}
{{#REPORT}}<p class="report">{{t_reported_as}} <strong>{{reason}}</strong> {{t_reported_by}} {{reporter}}{{#REPORT_TEXT}}: {{text}}{{/REPORT_TEXT}}</p>{{/REPORT}}
<div class="queue-actions">
<div class="row"><form method="post" action="/moderation/comments/{{comment_id}}/approve" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{return_to}}"><button type="submit">{{t_approve}}</button></form>
{{#CAN_FEATURE}}<form method="post" action="/moderation/comments/{{comment_id}}/feature" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{return_to}}"><button type="submit" class="secondary">{{t_feature}}</button></form>{{/CAN_FEATURE}}</div>
<form method="post" action="/moderation/comments/{{comment_id}}/reject" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{return_to}}"><label for="reason-{{comment_id}}" class="visually-hidden">{{t_reject_reason}}</label><input id="reason-{{comment_id}}" name="reason" placeholder="{{t_reject_reason}}"> <button type="submit">{{t_reject}}</button></form>
{{#CAN_BAN}}<form method="post" action="/moderation/accounts/{{author_id}}/ban" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{return_to}}"><label for="length-{{comment_id}}" class="visually-hidden">{{t_ban_length_label}}</label><select id="length-{{comment_id}}" name="length">{{#BAN_LENGTH}}<option value="{{value}}">{{label}}</option>{{/BAN_LENGTH}}</select> <label for="ban-reason-{{comment_id}}" class="visually-hidden">{{t_ban_reason}}</label><input id="ban-reason-{{comment_id}}" name="reason" placeholder="{{t_ban_reason}}"> <button type="submit" class="danger">{{t_ban_author}}</button></form>{{/CAN_BAN}}
{{#AUTHOR_BANNED}}<p class="note">{{t_author_banned}}</p>{{/AUTHOR_BANNED}}
</div>
</li>
{{/ENTRY}}
</ol>
{{#PAGINATION}}<nav class="pagination" aria-label="{{t_pages}}">{{#PREVIOUS}}<a href="{{url}}" rel="prev">{{t_previous}}</a>{{/PREVIOUS}} <span class="position">{{position}}</span> {{#NEXT}}<a href="{{url}}" rel="next">{{t_next}}</a>{{/NEXT}}</nav>{{/PAGINATION}}
</section>
