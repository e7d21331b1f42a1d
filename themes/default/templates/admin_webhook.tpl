{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page" aria-labelledby="log-heading">
<p class="back"><a href="/admin/webhooks#webhook-{{id}}">{{t_admin_all_webhooks}}</a></p>
<h1 id="log-heading">{{heading}}</h1>
<dl class="webhook-facts">
<div><dt>{{t_admin_webhook_url}}</dt><dd><code>{{url}}</code></dd></div>
<div><dt>{{t_admin_webhook_events}}</dt><dd>{{events}}</dd></div>
{{#DESCRIPTION}}<div><dt>{{t_admin_webhook_description}}</dt><dd>{{description}}</dd></div>{{/DESCRIPTION}}
<div><dt>{{t_admin_state}}</dt><dd>{{state}}</dd></div>
</dl>
<p class="hint">{{times_hint}} {{t_admin_webhook_log_hint}}</p>
{{#LOG_NOTICE}}<p class="form-notice" role="status">{{message}}</p>{{/LOG_NOTICE}}
{{#LOG_ERROR}}<p class="form-error" role="alert">{{message}}</p>{{/LOG_ERROR}}
{{#NO_DELIVERIES}}<p class="empty">{{t_admin_no_deliveries}}</p>{{/NO_DELIVERIES}}
{{#NO_MORE_DELIVERIES}}<p class="empty">{{t_admin_no_more_deliveries}}</p>{{/NO_MORE_DELIVERIES}}
<div class="table-scroll"><table class="admin-table log deliveries">
<thead><tr><th scope="col">{{t_when}}</th><th scope="col">{{t_admin_delivery_event}}</th><th scope="col">{{t_admin_delivery_state}}</th><th scope="col">{{t_admin_delivery_attempts}}</th><th scope="col">{{t_admin_delivery_status}}</th><th scope="col">{{t_admin_delivery_error}}</th><th scope="col">{{t_admin_delivery_next}}</th><th scope="col"><span class="visually-hidden">{{t_admin_actions}}</span></th></tr></thead>
<tbody>
{{#DELIVERY}}<tr id="delivery-{{delivery}}" class="delivery-{{state_name}}"><td><time datetime="{{when_iso}}">{{when_label}}</time><br><span class="hint">{{t_admin_delivery}} {{delivery}}</span></td><td><code>{{event}}</code><br><a href="{{subject_url}}">{{subject}}</a></td><td><span class="delivery-state">{{state}}</span>{{#DELIVERED}} <time datetime="{{delivered_iso}}">{{delivered_label}}</time>{{/DELIVERED}}</td><td>{{attempts}}</td><td>{{#HTTP_STATUS}}{{status}}{{/HTTP_STATUS}}{{#NO_ANSWER}}{{t_admin_delivery_no_answer}}{{/NO_ANSWER}}{{#NOT_TRIED}}—{{/NOT_TRIED}}</td><td class="delivery-error">{{#LAST_ERROR}}{{error}}{{/LAST_ERROR}}</td><td>{{#NEXT}}<time datetime="{{next_iso}}">{{next_label}}</time>{{/NEXT}}{{#NO_NEXT}}—{{/NO_NEXT}}</td><td>{{#CAN_SEND_AGAIN}}<form method="post" action="/admin/webhooks/{{id}}/deliveries/{{delivery}}/send-again" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary" aria-label="{{t_admin_send_again}}: {{t_admin_delivery}} {{delivery}}">{{t_admin_send_again}}</button></form>{{/CAN_SEND_AGAIN}}{{#ROW_ERROR}}<p class="field-error" role="alert">{{message}}</p>{{/ROW_ERROR}}</td></tr>
{{/DELIVERY}}
</tbody>
</table></div>
<nav class="pagination" aria-label="{{t_pages}}">{{#NEWER}}<a href="{{url}}" rel="prev">{{t_previous}}</a>{{/NEWER}} {{#OLDER}}<a href="{{url}}" rel="next">{{t_next}}</a>{{/OLDER}}</nav>
</section>
