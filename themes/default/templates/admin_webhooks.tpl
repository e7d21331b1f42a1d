{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page" aria-labelledby="webhooks-heading">
<h1 id="webhooks-heading">{{heading}}</h1>
<p class="hint">{{t_admin_webhooks_hint}}</p>
{{#WEBHOOK_NOTICE}}<p class="form-notice" role="status">{{message}}</p>{{/WEBHOOK_NOTICE}}
{{#NEW_SECRET}}<div class="form-notice once" role="status" id="new-secret-notice"><p>{{message}}</p><p>{{t_admin_webhook_secret_once}}</p><p class="secret"><code id="new-secret">{{secret}}</code></p><p>{{t_admin_webhook_verify}}</p></div>{{/NEW_SECRET}}
{{#NO_WEBHOOKS}}<p class="empty">{{t_admin_no_webhooks}}</p>{{/NO_WEBHOOKS}}
<ul class="webhooks">
{{#WEBHOOK}}<li class="webhook" id="webhook-{{id}}">
<h2 class="webhook-url" id="webhook-{{id}}-url"><span class="webhook-id">{{t_admin_webhook}} {{id}}:</span> <code>{{url}}</code></h2>
<dl class="webhook-facts">
<div><dt>{{t_admin_webhook_events}}</dt><dd>{{#EVENT}}<code class="event">{{event}}</code> {{/EVENT}}</dd></div>
{{#DESCRIPTION}}<div><dt>{{t_admin_webhook_description}}</dt><dd>{{description}}</dd></div>{{/DESCRIPTION}}
<div><dt>{{t_admin_state}}</dt><dd><span class="state {{state_class}}">{{state}}</span></dd></div>
<div><dt>{{t_admin_created}}</dt><dd><time datetime="{{created_iso}}">{{created_label}}</time></dd></div>
</dl>
<p><a href="/admin/webhooks/{{id}}">{{t_admin_webhook_deliveries}}</a></p>
<details class="webhook-edit"{{#EDIT_OPEN}} open{{/EDIT_OPEN}}><summary>{{t_admin_webhook_change}}</summary>
{{#EDIT}}{{#FORM_ERROR}}<p class="form-error" role="alert" id="{{form_id}}-error">{{message}}</p>{{/FORM_ERROR}}
<form method="post" action="/admin/webhooks/{{id}}/update" class="stacked" id="{{form_id}}-form"><input type="hidden" name="csrf" value="{{csrf}}">
<label for="{{form_id}}-url">{{t_admin_webhook_url}}</label><input id="{{form_id}}-url" name="url" inputmode="url" value="{{url}}" required autocapitalize="none" spellcheck="false"{{#URL_INVALID}} aria-invalid="true" aria-describedby="{{form_id}}-error"{{/URL_INVALID}}>
<fieldset class="webhook-events"><legend>{{t_admin_webhook_events}}</legend>
{{#EVENT_CHOICE}}<label class="check" for="{{id}}"><input type="checkbox" id="{{id}}" name="{{name}}" value="on"{{#EVENT_CHOSEN}} checked{{/EVENT_CHOSEN}}{{#EVENTS_INVALID}} aria-invalid="true" aria-describedby="{{form_id}}-error"{{/EVENTS_INVALID}}> <span><code>{{event}}</code>: {{about}}</span></label>
{{/EVENT_CHOICE}}</fieldset>
<label for="{{form_id}}-description">{{t_admin_webhook_description}}</label><input id="{{form_id}}-description" name="description" value="{{description}}" aria-describedby="{{form_id}}-description-hint{{#DESCRIPTION_INVALID}} {{form_id}}-error{{/DESCRIPTION_INVALID}}"{{#DESCRIPTION_INVALID}} aria-invalid="true"{{/DESCRIPTION_INVALID}}><p class="hint" id="{{form_id}}-description-hint">{{t_admin_webhook_description_hint}}</p>
<label class="check" for="{{form_id}}-active"><input type="checkbox" id="{{form_id}}-active" name="active" value="on" aria-describedby="{{form_id}}-active-hint"{{#ACTIVE_CHOSEN}} checked{{/ACTIVE_CHOSEN}}> {{t_admin_webhook_active_label}}</label><p class="hint" id="{{form_id}}-active-hint">{{t_admin_webhook_active_hint}}</p>
<button type="submit">{{t_save_changes}}</button>
</form>{{/EDIT}}
</details>
<div class="webhook-actions">
<form method="post" action="/admin/webhooks/{{id}}/rotate" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary" aria-describedby="rotate-{{id}}-hint">{{t_admin_webhook_rotate}}</button></form><p class="hint" id="rotate-{{id}}-hint">{{t_admin_webhook_rotate_hint}}</p>
{{#REMOVE}}<form method="post" action="/admin/webhooks/{{id}}/remove" class="inline" id="remove-{{id}}-form"><input type="hidden" name="csrf" value="{{csrf}}"><label class="check" for="remove-{{id}}-confirm"><input type="checkbox" id="remove-{{id}}-confirm" name="confirm" value="yes" required{{#CONFIRM_INVALID}} aria-invalid="true" aria-describedby="remove-{{id}}-error"{{/CONFIRM_INVALID}}> {{t_admin_webhook_confirm_remove}}</label> <button type="submit" class="danger">{{t_admin_webhook_remove}}</button></form>{{#CONFIRM_INVALID}}<p class="field-error" role="alert" id="remove-{{id}}-error">{{message}}</p>{{/CONFIRM_INVALID}}{{/REMOVE}}
</div>
</li>
{{/WEBHOOK}}
</ul>
<h2 id="add-heading">{{t_admin_add_webhook}}</h2>
{{#NEW_WEBHOOK}}{{#FORM_ERROR}}<p class="form-error" role="alert" id="{{form_id}}-error">{{message}}</p>{{/FORM_ERROR}}
<form method="post" action="/admin/webhooks" class="stacked" aria-labelledby="add-heading" id="{{form_id}}-form"><input type="hidden" name="csrf" value="{{csrf}}">
<label for="{{form_id}}-url">{{t_admin_webhook_url}}</label><input id="{{form_id}}-url" name="url" inputmode="url" value="{{url}}" required autocapitalize="none" spellcheck="false" placeholder="https://example.org/hooks/gazette" aria-describedby="{{form_id}}-url-hint{{#URL_INVALID}} {{form_id}}-error{{/URL_INVALID}}"{{#URL_INVALID}} aria-invalid="true"{{/URL_INVALID}}><p class="hint" id="{{form_id}}-url-hint">{{t_admin_webhook_url_hint}}</p>
<fieldset class="webhook-events"><legend>{{t_admin_webhook_events}}</legend>
{{#EVENT_CHOICE}}<label class="check" for="{{id}}"><input type="checkbox" id="{{id}}" name="{{name}}" value="on"{{#EVENT_CHOSEN}} checked{{/EVENT_CHOSEN}}{{#EVENTS_INVALID}} aria-invalid="true" aria-describedby="{{form_id}}-error"{{/EVENTS_INVALID}}> <span><code>{{event}}</code>: {{about}}</span></label>
{{/EVENT_CHOICE}}</fieldset>
<label for="{{form_id}}-description">{{t_admin_webhook_description}}</label><input id="{{form_id}}-description" name="description" value="{{description}}" aria-describedby="{{form_id}}-description-hint{{#DESCRIPTION_INVALID}} {{form_id}}-error{{/DESCRIPTION_INVALID}}"{{#DESCRIPTION_INVALID}} aria-invalid="true"{{/DESCRIPTION_INVALID}}><p class="hint" id="{{form_id}}-description-hint">{{t_admin_webhook_description_hint}}</p>
<button type="submit">{{t_admin_add}}</button>
</form>{{/NEW_WEBHOOK}}
</section>
