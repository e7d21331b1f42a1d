{{%AUTOESCAPE context="HTML"}}
<section class="message" aria-labelledby="notice-heading">
<h1 id="notice-heading">{{heading}}</h1>
<p>{{text}}</p>
{{#LINK}}<p><a href="{{url}}">{{label}}</a></p>{{/LINK}}
</section>
