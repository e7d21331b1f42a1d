{{%AUTOESCAPE context="HTML"}}
<section class="moderation" aria-labelledby="moderate-heading">
<h1 id="moderate-heading">{{t_moderate_comment}}</h1>
<p><a href="/moderation">{{t_moderation}}</a></p>
<p>{{t_on_article}} <a href="{{article_url}}">{{article_headline}}</a></p>
<div class="queued-comment"><p class="comment-meta"><span class="author">{{author}}</span> <time datetime="{{iso}}">{{time_label}}</time> <span class="status">{{status}}</span></p>
<div class="comment-body">{{body_html:none}}</div></div>
{{#NOTE}}<p class="note">{{note}}</p>{{/NOTE}}
<div class="queue-actions">
{{#CAN_APPROVE}}<form method="post" action="/moderation/comments/{{comment_id}}/approve" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{return_to}}"><button type="submit">{{t_approve}}</button></form>{{/CAN_APPROVE}}
{{#CAN_REJECT}}<form method="post" action="/moderation/comments/{{comment_id}}/reject" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{return_to}}"><label for="reason" class="visually-hidden">{{t_reason}}</label><input id="reason" name="reason" placeholder="{{t_reason}}"> <button type="submit">{{t_reject}}</button></form>{{/CAN_REJECT}}
{{#CAN_FEATURE}}<form method="post" action="/moderation/comments/{{comment_id}}/feature" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{return_to}}"><button type="submit">{{t_feature}}</button></form>{{/CAN_FEATURE}}
{{#CAN_UNFEATURE}}<form method="post" action="/moderation/comments/{{comment_id}}/unfeature" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{return_to}}"><button type="submit">{{t_unfeature}}</button></form>{{/CAN_UNFEATURE}}
</div>
<h2 id="ban-heading">{{t_ban_author}}</h2>
<form method="post" action="/moderation/accounts/{{author_id}}/ban" class="stacked" aria-labelledby="ban-heading">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{return_to}}">
<label for="length">{{t_ban_length_label}}</label>
<select id="length" name="length">{{#BAN_LENGTH}}<option value="{{value}}">{{label}}</option>{{/BAN_LENGTH}}</select>
<label for="ban_reason">{{t_reason}}</label>
<input id="ban_reason" name="reason">
<button type="submit" class="danger">{{t_ban_author}}</button>
</form>
<form method="post" action="/moderation/accounts/{{author_id}}/unban" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{return_to}}"><button type="submit">{{t_unban_author}}</button></form>
<h2 id="policy-heading">{{t_comment_policy}}</h2>
<form method="post" action="/moderation/articles/{{article_id}}/policy" class="stacked" aria-labelledby="policy-heading">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{return_to}}">
<label for="policy">{{t_comment_policy_of_article}}</label>
<select id="policy" name="policy">{{#POLICY}}<option value="{{value}}"{{#SELECTED}} selected{{/SELECTED}}>{{label}}</option>{{/POLICY}}</select>
<button type="submit">{{t_save}}</button>
</form>
</section>
