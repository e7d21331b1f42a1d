{{%AUTOESCAPE context="HTML"}}
<section class="message">
<h1>{{heading}}</h1>
<p>{{message}}</p>
<ul class="links">
<li><a href="/">{{t_back_to_front}}</a></li>
<li><a href="/latest">{{t_see_latest}}</a></li>
</ul>
</section>
