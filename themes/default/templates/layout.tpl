{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
{{#DESCRIPTION}}<meta name="description" content="{{description}}">{{/DESCRIPTION}}
{{#NOINDEX}}<meta name="robots" content="noindex">{{/NOINDEX}}
<meta name="color-scheme" content="light dark">
{{#CANONICAL}}<link rel="canonical" href="{{url}}">{{/CANONICAL}}
<link rel="stylesheet" href="{{asset_site_css}}">
<link rel="icon" href="{{asset_icon_svg}}" type="image/svg+xml">
{{#SCRIPT}}<script src="{{src}}" defer></script>
{{/SCRIPT}}
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
<p class="account-link"><a href="/account" id="account-link">{{t_your_account}}</a></p>
</div>
</header>
<main id="main" tabindex="-1">
{{>CONTENT}}
</main>
<footer class="site-footer">
<p>&copy; {{year}} {{site_name}}. {{t_footer_text}}</p>
</footer>
</body>
</html>
