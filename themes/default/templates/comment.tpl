{{%AUTOESCAPE context="HTML"}}
<li class="comment depth-{{depth}}{{#C_FEATURED}} featured{{/C_FEATURED}}" id="{{anchor}}" data-comment="{{id}}">
{{#C_SHOWN}}<p class="comment-meta"><span class="author{{#C_DELETED_AUTHOR}} deleted{{/C_DELETED_AUTHOR}}">{{author}}</span> <a class="permalink" href="#comment-{{id}}"><time datetime="{{iso}}">{{time_label}}</time></a>{{#C_EDITED}} <span class="edited">{{t_edited}}</span>{{/C_EDITED}}{{#C_REPLY_TO}} <a class="reply-to" href="#comment-{{parent}}">{{t_in_reply}}</a>{{/C_REPLY_TO}}</p>
<div class="comment-body">{{body_html:none}}</div>
<p class="comment-actions"><span class="score" data-up="{{up}}" data-down="{{down}}" title="{{t_votes}}">{{score}}</span> <a class="reply" href="{{reply_url}}">{{t_reply}}</a> <a class="more" href="{{actions_url}}">{{t_comment_actions}}</a></p>{{/C_SHOWN}}
{{#C_PLACEHOLDER}}<p class="placeholder">{{placeholder}}</p>{{/C_PLACEHOLDER}}
</li>
