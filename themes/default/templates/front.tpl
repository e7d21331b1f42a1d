{{%AUTOESCAPE context="HTML"}}
<h1 class="visually-hidden">{{site_name}}</h1>
<div class="breaking-region" data-live-region="breaking">
{{#BREAKING_STRIP}}<section class="breaking-strip" aria-labelledby="breaking-heading">
<h2 id="breaking-heading"><strong>{{t_breaking}}</strong></h2>
<ul>
{{#B_ITEM}}<li><time datetime="{{iso}}">{{time_label}}</time> <a href="{{url}}">{{headline}}</a></li>
{{/B_ITEM}}
</ul>
</section>{{/BREAKING_STRIP}}
</div>
<div data-live-region="front-top">
{{#TOP}}
<article class="top-story{{#LONG}} long{{/LONG}}" aria-labelledby="top-story-headline">
<p class="kicker">{{#RUBRIC}}<a class="rubric" href="{{url}}">{{name}}</a> {{/RUBRIC}}<time datetime="{{iso}}">{{time_label}}</time></p>
<h2 id="top-story-headline"><a href="{{url}}">{{headline}}</a></h2>
{{#LEAD}}<p class="lead">{{lead}}</p>{{/LEAD}}
{{#EXCERPT}}<p class="lead">{{excerpt_html:none}}</p>{{/EXCERPT}}
<p class="meta"><a href="{{url}}#comments">{{comments_label}}</a></p>
</article>
{{/TOP}}
</div>
<div data-live-region="front-feed">
{{#LATEST}}
<section class="latest" aria-labelledby="latest-heading">
<h2 id="latest-heading">{{t_latest_news}}</h2>
{{>FEED}}
{{#MORE}}<p class="more"><a href="/latest?page=2">{{t_more_news}}</a></p>{{/MORE}}
</section>
{{/LATEST}}
{{#EMPTY}}<p class="empty">{{t_no_news_yet}}</p>{{/EMPTY}}
</div>
