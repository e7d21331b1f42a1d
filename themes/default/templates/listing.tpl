{{%AUTOESCAPE context="HTML"}}
<section class="listing" aria-labelledby="listing-heading">
<h1 id="listing-heading">{{heading}}</h1>
{{>FEED}}
{{#EMPTY}}<p class="empty">{{t_nothing_here}}</p>{{/EMPTY}}
{{#PAGINATION}}
<nav class="pagination" aria-label="{{t_pages}}">
{{#PREVIOUS}}<a href="{{url}}" rel="prev">{{t_previous}}</a>{{/PREVIOUS}}
<span class="position">{{position}}</span>
{{#NEXT}}<a href="{{url}}" rel="next">{{t_next}}</a>{{/NEXT}}
</nav>
{{/PAGINATION}}
</section>
