{{%AUTOESCAPE context="HTML"}}
<section class="form-page" aria-labelledby="compose-heading">
<h1 id="compose-heading">{{heading}}</h1>
<p>{{t_on_article}} <a href="{{article_url}}">{{article_headline}}</a></p>
{{#PARENT}}<ol class="comment-list">{{>COMMENT}}</ol>{{/PARENT}}
<form method="post" action="{{action}}" class="stacked">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="nonce" value="{{nonce}}">
{{#PARENT}}<input type="hidden" name="parent_id" value="{{parent_id}}">{{/PARENT}}
<label for="body">{{t_your_comment}}</label>
<textarea id="body" name="body" rows="8" required aria-describedby="body-hint"></textarea>
<p class="hint" id="body-hint">{{t_markdown_hint}} {{max_chars_hint}}</p>
<button type="submit">{{t_send_comment}}</button>
</form>
</section>
