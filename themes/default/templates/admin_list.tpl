{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page" aria-labelledby="list-heading">
<div class="admin-heading"><h1 id="list-heading">{{t_admin_articles}}</h1> <a class="button-link" href="/admin/articles/new">{{t_admin_new_article}}</a></div>
{{#LIST_NOTICE}}<p class="form-notice" role="status">{{message}}</p>{{/LIST_NOTICE}}
<form method="get" action="/admin" class="admin-filters" role="search" aria-label="{{t_admin_filter_articles}}">
<div class="field"><label for="filter-state">{{t_admin_state}}</label><select id="filter-state" name="state"><option value="">{{t_admin_any}}</option>{{#STATE_OPTION}}<option value="{{value}}"{{#STATE_SELECTED}} selected{{/STATE_SELECTED}}>{{label}}</option>{{/STATE_OPTION}}</select></div>
<div class="field"><label for="filter-section">{{t_admin_section}}</label><select id="filter-section" name="section"><option value="">{{t_admin_any}}</option>{{#SECTION_OPTION}}<option value="{{value}}"{{#SECTION_SELECTED}} selected{{/SECTION_SELECTED}}>{{label}}</option>{{/SECTION_OPTION}}</select></div>
{{#AUTHOR_FILTER}}<div class="field"><label for="filter-author">{{t_admin_created_by}}</label><select id="filter-author" name="author"><option value="">{{t_admin_anyone}}</option>{{#AUTHOR_OPTION}}<option value="{{value}}"{{#AUTHOR_SELECTED}} selected{{/AUTHOR_SELECTED}}>{{label}}</option>{{/AUTHOR_OPTION}}</select></div>{{/AUTHOR_FILTER}}
<div class="field"><label for="filter-q">{{t_admin_headline_contains}}</label><input id="filter-q" name="q" type="search" value="{{q}}"></div>
<button type="submit">{{t_admin_filter}}</button>
</form>
<p class="admin-total">{{total}}</p>
{{#NO_ARTICLES}}<p class="empty">{{t_admin_no_articles}}</p>{{/NO_ARTICLES}}
{{#NO_MATCHES}}<p class="empty">{{t_admin_no_matches}}</p>{{/NO_MATCHES}}
{{#ARTICLES_TABLE}}<div class="table-scroll"><table class="admin-table articles">
<thead><tr><th scope="col">{{t_admin_headline}}</th><th scope="col">{{t_admin_state}}</th><th scope="col">{{t_admin_section}}</th><th scope="col">{{t_admin_created_by}}</th><th scope="col">{{t_admin_updated}}</th></tr></thead>
<tbody>
{{#ARTICLE}}<tr><td><a class="article-link" href="{{url}}">{{headline}}</a>{{#ROW_BREAKING}} <span class="badge badge-breaking">{{t_breaking}}</span>{{/ROW_BREAKING}}{{#LIVE_LINK}} <a class="live-link" href="{{url}}">{{t_admin_view_on_site}}</a>{{/LIVE_LINK}}</td><td><span class="state state-{{state_class}}">{{state}}</span>{{#DUE}} <time datetime="{{due_iso}}">{{due_label}}</time>{{/DUE}}{{#ROW_PENDING}} <span class="badge badge-pending">{{label}}</span>{{/ROW_PENDING}}</td><td>{{section}}</td><td>{{creator}}</td><td><time datetime="{{updated_iso}}">{{updated_label}}</time></td></tr>
{{/ARTICLE}}
</tbody>
</table></div>{{/ARTICLES_TABLE}}
{{#PAGINATION}}<nav class="pagination" aria-label="{{t_pages}}">{{#PREVIOUS}}<a href="{{url}}" rel="prev">{{t_admin_previous_page}}</a>{{/PREVIOUS}} <span class="position">{{position}}</span> {{#NEXT}}<a href="{{url}}" rel="next">{{t_admin_next_page}}</a>{{/NEXT}}</nav>{{/PAGINATION}}
</section>
