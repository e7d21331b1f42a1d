{{%AUTOESCAPE context="HTML"}}
<section class="search-page" aria-labelledby="search-heading">
<h1 id="search-heading">{{t_search_title}}</h1>
<form class="search-form" action="/search" method="get" role="search">
<p class="search-words"><label for="search-q">{{t_search_label}}</label>
<input id="search-q" type="search" name="q" value="{{q}}" maxlength="300" autocomplete="off"></p>
<p class="search-filter"><label for="search-section">{{t_search_section}}</label>
<select id="search-section" name="section">
<option value="">{{t_search_any_section}}</option>
{{#SECTION_OPTION}}<option value="{{slug}}"{{#SELECTED}} selected{{/SELECTED}}>{{name}}</option>
{{/SECTION_OPTION}}</select></p>
<p class="search-filter"><label for="search-from">{{t_search_from}}</label>
<input id="search-from" type="date" name="from" value="{{from}}"></p>
<p class="search-filter"><label for="search-to">{{t_search_to}}</label>
<input id="search-to" type="date" name="to" value="{{to}}"></p>
<p class="search-submit"><button type="submit">{{t_search_button}}</button></p>
</form>
{{#ERROR}}<p class="search-error" role="alert">{{message}}</p>{{/ERROR}}
{{#PROMPT}}<p class="empty">{{t_search_prompt}}</p>{{/PROMPT}}
{{#NONE}}<p class="empty">{{t_search_none}}</p>{{/NONE}}
{{#RESULTS}}
<p class="search-count" role="status">{{count_label}}</p>
<ol class="search-results">
{{#HIT}}<li class="hit">
<h2><a href="{{url}}">{{headline_html:none}}</a></h2>
{{#SNIPPET}}<p class="snippet">{{snippet_html:none}}</p>{{/SNIPPET}}
<p class="meta"><time datetime="{{iso}}">{{time_label}}</time>{{#HIT_RUBRIC}} <a class="rubric" href="{{url}}">{{name}}</a>{{/HIT_RUBRIC}}</p>
</li>
{{/HIT}}
</ol>
{{#PAGINATION}}
<nav class="pagination" aria-label="{{t_pages}}">
{{#PREVIOUS}}<a href="{{url}}" rel="prev">{{t_search_previous}}</a>{{/PREVIOUS}}
<span class="position">{{position}}</span>
{{#NEXT}}<a href="{{url}}" rel="next">{{t_search_next}}</a>{{/NEXT}}
</nav>
{{/PAGINATION}}
{{/RESULTS}}
</section>
