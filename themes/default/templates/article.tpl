{{%AUTOESCAPE context="HTML"}}
<article class="story{{#LONG}} long{{/LONG}}" aria-labelledby="headline">
<header class="story-header">
{{#RUBRIC}}<p class="kicker"><a class="rubric" href="{{url}}">{{name}}</a></p>{{/RUBRIC}}
<h1 id="headline">{{headline}}</h1>
{{#LEAD}}<p class="lead">{{lead}}</p>{{/LEAD}}
<p class="meta"><time datetime="{{published_iso}}">{{published_label}}</time>{{#UPDATED}} <span class="updated">{{t_updated}} <time datetime="{{iso}}">{{label}}</time></span>{{/UPDATED}}{{#BYLINE}} <span class="byline">{{t_by}} {{#AUTHOR}}<a href="{{url}}" rel="author">{{name}}</a>{{#SEPARATOR}}, {{/SEPARATOR}}{{/AUTHOR}}</span>{{/BYLINE}}</p>
</header>
{{#BODY}}<div class="story-body">{{body_html:none}}</div>{{/BODY}}
{{#SOURCE}}<p class="source">{{t_source}}: {{#LINK}}<a href="{{url}}" rel="nofollow noopener">{{name}}</a>{{/LINK}}{{#PLAIN}}<span>{{name}}</span>{{/PLAIN}}</p>{{/SOURCE}}
{{#TAGS}}<ul class="tags" aria-label="{{t_tags}}">{{#TAG}}<li><a href="{{url}}" rel="tag">{{name}}</a></li>{{/TAG}}</ul>{{/TAGS}}
</article>
{{#READ_NEXT}}
<aside class="read-next" aria-labelledby="read-next-heading">
<h2 id="read-next-heading">{{t_read_next}}</h2>
<ol class="feed">
{{#ITEM}}<li class="item{{#ITEM_BRIEF}} brief{{/ITEM_BRIEF}}"><time datetime="{{iso}}">{{time_label}}</time> {{#ITEM_RUBRIC}}<a class="rubric" href="{{url}}">{{name}}</a> {{/ITEM_RUBRIC}}<a class="headline" href="{{url}}">{{headline}}</a>{{#ITEM_COMMENTS}} <span class="count">{{label}}</span>{{/ITEM_COMMENTS}}</li>
{{/ITEM}}
</ol>
</aside>
{{/READ_NEXT}}
<section class="comments" id="comments" aria-labelledby="comments-heading">
<h2 id="comments-heading">{{t_comments_prompt}}</h2>
{{#NO_COMMENTS}}<p class="first-comment">{{t_first_comment}}</p>{{/NO_COMMENTS}}
{{#HAS_COMMENTS}}<p class="count">{{count_label}}</p>{{/HAS_COMMENTS}}
</section>
