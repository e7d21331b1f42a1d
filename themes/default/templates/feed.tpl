{{%AUTOESCAPE context="HTML"}}
{{#DAY}}
{{#H2}}<h2 class="day">{{heading}}</h2>{{/H2}}{{#H3}}<h3 class="day">{{heading}}</h3>{{/H3}}
<ol class="feed">
{{#ITEM}}<li class="item{{#ITEM_BRIEF}} brief{{/ITEM_BRIEF}}"><time datetime="{{iso}}">{{time_label}}</time> {{#ITEM_RUBRIC}}<a class="rubric" href="{{url}}">{{name}}</a> {{/ITEM_RUBRIC}}<a class="headline" href="{{url}}">{{headline}}</a>{{#ITEM_COMMENTS}} <span class="count">{{label}}</span>{{/ITEM_COMMENTS}}</li>
{{/ITEM}}
</ol>
{{/DAY}}
