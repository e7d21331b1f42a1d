{{%AUTOESCAPE context="HTML"}}
<article class="story{{#LONG}} long{{/LONG}}" aria-labelledby="headline">
<header class="story-header">
{{#BREAKING}}<p class="breaking"><strong>{{t_breaking}}</strong></p>{{/BREAKING}}
{{#RUBRIC}}<p class="kicker"><a class="rubric" href="{{url}}">{{name}}</a></p>{{/RUBRIC}}
<h1 id="headline">{{headline}}</h1>
{{#LEAD}}<p class="lead">{{lead}}</p>{{/LEAD}}
<p class="meta"><time datetime="{{published_iso}}">{{published_label}}</time>{{#UPDATED}} <span class="updated">{{t_updated}} <time datetime="{{iso}}">{{label}}</time></span>{{/UPDATED}}{{#BYLINE}} <span class="byline">{{t_by}} {{#AUTHOR}}<a href="{{url}}" rel="author">{{name}}</a>{{#SEPARATOR}}, {{/SEPARATOR}}{{/AUTHOR}}</span>{{/BYLINE}}</p>
{{#CORRECTION}}<p class="correction"><strong>{{t_correction}}:</strong> {{note}}</p>{{/CORRECTION}}
</header>
{{#BODY}}<div class="story-body">{{body_html:none}}</div>{{/BODY}}
{{#SOURCE}}<p class="source">{{t_source}}: {{#LINK}}<a href="{{url}}" rel="nofollow noopener">{{name}}</a>{{/LINK}}{{#PLAIN}}<span>{{name}}</span>{{/PLAIN}}</p>{{/SOURCE}}
{{#TAGS}}<ul class="tags" aria-label="{{t_tags}}">{{#TAG}}<li><a href="{{url}}" rel="tag">{{name}}</a></li>{{/TAG}}</ul>{{/TAGS}}
</article>
{{#READ_NEXT}}
<aside class="read-next" aria-labelledby="read-next-heading" data-live-region="read-next">
<h2 id="read-next-heading">{{t_read_next}}</h2>
<ol class="feed">
{{#ITEM}}<li class="item{{#ITEM_BRIEF}} brief{{/ITEM_BRIEF}}"><time datetime="{{iso}}">{{time_label}}</time> {{#ITEM_RUBRIC}}<a class="rubric" href="{{url}}">{{name}}</a> {{/ITEM_RUBRIC}}<a class="headline" href="{{url}}">{{headline}}</a>{{#ITEM_COMMENTS}} <span class="count">{{label}}</span>{{/ITEM_COMMENTS}}</li>
{{/ITEM}}
</ol>
</aside>
{{/READ_NEXT}}
<section class="comments" id="comments" aria-labelledby="comments-heading" data-article="{{article_id}}">
<h2 id="comments-heading">{{t_comments_prompt}}</h2>
<div data-live-region="comments-count">
{{#NO_COMMENTS}}<p class="first-comment">{{t_first_comment}}</p>{{/NO_COMMENTS}}
{{#HAS_COMMENTS}}<p class="count">{{count_label}}</p>{{/HAS_COMMENTS}}
</div>
{{#COMPOSE_OPEN}}<div class="compose" id="compose" data-article="{{article_id}}" data-policy="{{policy}}">
<p class="compose-links"><a href="{{signin_url}}">{{t_sign_in}}</a> <a href="{{signup_url}}">{{t_sign_up}}</a> <a class="write" href="{{write_url}}">{{t_write_comment}}</a></p>
{{#PREMODERATED}}<p class="note">{{t_premoderated_note}}</p>{{/PREMODERATED}}
</div>{{/COMPOSE_OPEN}}
{{#COMPOSE_CLOSED}}<p class="closed">{{t_comments_closed}}</p>{{/COMPOSE_CLOSED}}
<div data-live-region="comments-list">
{{#SORTS}}<nav class="sorts" aria-label="{{t_sort_comments}}">{{#SORT}}<a href="{{url}}"{{#SORT_CURRENT}} aria-current="page"{{/SORT_CURRENT}}>{{label}}</a> {{/SORT}}</nav>{{/SORTS}}
{{#FEATURED}}<h3 class="featured-heading">{{t_featured_comments}}</h3>
<ol class="comment-list featured-list">{{#F_ITEM}}{{>COMMENT}}{{/F_ITEM}}</ol>{{/FEATURED}}
{{#THREAD}}<ol class="comment-list">{{#C_ITEM}}{{>COMMENT}}{{/C_ITEM}}</ol>{{/THREAD}}
{{#COMMENT_PAGES}}{{#PAGINATION}}<nav class="pagination" aria-label="{{t_comment_pages}}">{{#PREVIOUS}}<a href="{{url}}" rel="prev">{{t_previous_comments}}</a>{{/PREVIOUS}} <span class="position">{{position}}</span> {{#NEXT}}<a href="{{url}}" rel="next">{{t_more_comments}}</a>{{/NEXT}}</nav>{{/PAGINATION}}{{/COMMENT_PAGES}}
</div>
</section>
