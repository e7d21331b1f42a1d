{{%AUTOESCAPE context="HTML"}}
<section class="form-page" aria-labelledby="actions-heading">
<h1 id="actions-heading">{{t_comment_actions_title}}</h1>
<p>{{t_on_article}} <a href="{{article_url}}">{{article_headline}}</a></p>
<ol class="comment-list">{{>COMMENT}}</ol>
{{#ANONYMOUS}}<p><a href="{{signin_url}}">{{t_sign_in}}</a></p>{{/ANONYMOUS}}
{{#OTHERS}}
<h2>{{t_votes}}</h2>
<div class="vote-forms">
<form method="post" action="/comments/{{comment_id}}/vote" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="value" value="1"><button type="submit">{{t_vote_up}}</button></form>
<form method="post" action="/comments/{{comment_id}}/vote" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="value" value="-1"><button type="submit">{{t_vote_down}}</button></form>
<form method="post" action="/comments/{{comment_id}}/vote" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="value" value="0"><button type="submit">{{t_vote_clear}}</button></form>
</div>
<h2 id="report-heading">{{t_report}}</h2>
<form method="post" action="/comments/{{comment_id}}/report" class="stacked" aria-labelledby="report-heading">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset><legend>{{t_report_reason_label}}</legend>
{{#REASON}}<label class="check"><input type="radio" name="reason" value="{{value}}" required> {{label}}</label>
{{/REASON}}
</fieldset>
<label for="report_text">{{t_report_note}}</label>
<textarea id="report_text" name="text" rows="3"></textarea>
<button type="submit">{{t_report}}</button>
</form>
{{/OTHERS}}
{{#OWN}}
{{#EDITABLE}}<h2 id="edit-heading">{{t_edit}}</h2>
<form method="post" action="/comments/{{comment_id}}/edit" class="stacked" aria-labelledby="edit-heading">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="edit_body">{{t_your_comment}}</label>
<textarea id="edit_body" name="body" rows="8" required>{{body:pre_escape}}</textarea>
<button type="submit">{{t_save_changes}}</button>
</form>{{/EDITABLE}}
<h2>{{t_delete}}</h2>
<form method="post" action="/comments/{{comment_id}}/delete" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="danger">{{t_delete_comment}}</button></form>
{{/OWN}}
{{#MODERATE}}<p><a href="{{url}}">{{t_moderate_comment}}</a></p>{{/MODERATE}}
</section>
