{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page" aria-labelledby="revisions-heading">
<h1 id="revisions-heading">{{t_admin_revisions}}</h1>
<p class="story-facts"><a href="{{article_url}}">{{headline}}</a></p>
{{#NO_REVISIONS}}<p class="empty">{{t_admin_no_revisions}}</p>{{/NO_REVISIONS}}
<ol class="revisions">
{{#REVISION}}<li><a href="{{url}}">{{t_admin_version}} {{version}}</a>: <span class="kind">{{kind}}</span>, {{who}}, <time datetime="{{when_iso}}">{{when_label}}</time> <span class="revision-headline">{{headline}}</span>{{#REVISION_NOTE}}<p class="note">{{note}}</p>{{/REVISION_NOTE}}</li>
{{/REVISION}}
</ol>
</section>
