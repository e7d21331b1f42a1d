{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="{{lang}}" data-time-zone="{{time_zone}}" data-format-date-time="{{format_date_time}}" data-format-date-time-year="{{format_date_time_year}}" data-months-short="{{months_short}}"{{#LIVE}} data-live="on"{{/LIVE}}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
{{#DESCRIPTION}}<meta name="description" content="{{description}}">{{/DESCRIPTION}}
{{#NOINDEX}}<meta name="robots" content="noindex">{{/NOINDEX}}
<meta name="color-scheme" content="light dark">
{{#CANONICAL}}<link rel="canonical" href="{{url}}">{{/CANONICAL}}
{{#FEED}}<link rel="alternate" type="{{type}}" title="{{title}}" href="{{url}}">
{{/FEED}}
{{#META_PROPERTY}}<meta property="{{key}}" content="{{content}}">
{{/META_PROPERTY}}
{{#META_NAME}}<meta name="{{key}}" content="{{content}}">
{{/META_NAME}}
{{#JSON_LD}}<script type="application/ld+json">{{json_ld_html:none}}</script>
{{/JSON_LD}}
<link rel="stylesheet" href="{{asset_site_css}}">
<link rel="icon" href="{{asset_icon_svg}}" type="image/svg+xml">
{{#SCRIPT}}<script src="{{src}}" defer></script>
{{/SCRIPT}}
<script src="{{asset_search_js}}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">{{t_skip_to_content}}</a>
<header class="masthead">
<div class="masthead-inner">
<a class="brand" href="/">{{site_name}}</a>
<nav class="sections" aria-label="{{t_sections}}">
<ul>
{{#NAV}}<li><a href="{{url}}"{{#CURRENT}} aria-current="{{value}}"{{/CURRENT}}>{{name}}</a></li>{{/NAV}}
<li><a href="/latest">{{t_latest_news}}</a></li>
</ul>
</nav>
<form class="masthead-search" action="/search" method="get" role="search" data-suggestions="{{t_search_suggestions}}">
<label class="visually-hidden" for="masthead-q">{{t_search_label}}</label>
<input id="masthead-q" type="search" name="q" placeholder="{{t_search_placeholder}}" maxlength="300" autocomplete="off">
<button type="submit">{{t_search_button}}</button>
</form>
<p class="account-link"><a href="/account" id="account-link">{{t_your_account}}</a></p>
</div>
</header>
<main id="main" tabindex="-1">
{{>CONTENT}}
</main>
{{#LIVE}}<p class="visually-hidden" id="live-status" role="status" data-news="{{t_live_news_updated}}" data-comments="{{t_live_comments_updated}}"></p>{{/LIVE}}
<footer class="site-footer">
<p>&copy; {{year}} {{site_name}}. {{t_footer_text}}</p>
</footer>
</body>
</html>
