{{%AUTOESCAPE context="HTML"}}
<section class="message">
<h1>{{t_not_found_title}}</h1>
<p>{{t_not_found_text}}</p>
<ul class="links">
<li><a href="/">{{t_back_to_front}}</a></li>
<li><a href="/latest">{{t_see_latest}}</a></li>
</ul>
</section>
