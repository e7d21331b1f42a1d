{{%AUTOESCAPE context="HTML"}}
{{#DAY}}
{{#H2}}<h2 class="day">{{heading}}</h2>{{/H2}}{{#H3}}<h3 class="day">{{heading}}</h3>{{/H3}}
<ol class="feed">
{{#ITEM}}<li class="item{{#BRIEF}} brief{{/BRIEF}}"><time datetime="{{iso}}">{{time_label}}</time> {{#RUBRIC}}<a class="rubric" href="{{url}}">{{name}}</a> {{/RUBRIC}}<a class="headline" href="{{url}}">{{headline}}</a>{{#COMMENTS}} <span class="count">{{label}}</span>{{/COMMENTS}}</li>
{{/ITEM}}
</ol>
{{/DAY}}
