{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page" aria-labelledby="revision-heading">
<h1 id="revision-heading">{{heading}}</h1>
<p class="story-facts"><a href="{{article_url}}">{{headline}}</a> · <a href="{{list_url}}">{{t_admin_all_revisions}}</a></p>
<dl class="facts"><dt>{{t_admin_kind}}</dt><dd>{{kind}}</dd><dt>{{t_who}}</dt><dd>{{who}}</dd><dt>{{t_when}}</dt><dd><time datetime="{{when_iso}}">{{when_label}}</time></dd>{{#REVISION_NOTE}}<dt>{{t_admin_note}}</dt><dd>{{note}}</dd>{{/REVISION_NOTE}}</dl>
{{#RESTORE_ERROR}}<p class="form-error" role="alert" id="restore-error">{{message}}</p>{{/RESTORE_ERROR}}
{{#CAN_RESTORE}}<form method="post" action="{{restore_url}}" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}"><button type="submit" id="restore-button">{{t_admin_restore}}</button> <span class="hint">{{t_admin_restore_hint}}</span></form>{{/CAN_RESTORE}}
<h2>{{t_admin_changes}}</h2>
{{#AGAINST_PREVIOUS}}<p class="hint">{{t_admin_against}} {{previous}}.</p>{{/AGAINST_PREVIOUS}}
{{#FIRST_REVISION}}<p class="hint">{{t_admin_first_revision}}</p>{{/FIRST_REVISION}}
{{#NO_CHANGES}}<p class="empty">{{t_admin_no_changes}}</p>{{/NO_CHANGES}}
<ol class="diff full-diff">
{{#DIFF_LINE}}<li class="{{#DIFF_ADDED}}added{{/DIFF_ADDED}}{{#DIFF_REMOVED}}removed{{/DIFF_REMOVED}}{{#DIFF_SAME}}same{{/DIFF_SAME}}"><span class="visually-hidden">{{#DIFF_ADDED}}{{t_admin_added}}: {{/DIFF_ADDED}}{{#DIFF_REMOVED}}{{t_admin_removed}}: {{/DIFF_REMOVED}}</span>{{text}}</li>
{{/DIFF_LINE}}
</ol>
</section>
