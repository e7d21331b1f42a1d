{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page" aria-labelledby="settings-heading">
<h1 id="settings-heading">{{heading}}</h1>
{{#SETTINGS_NOTICE}}<p class="form-notice" role="status" id="settings-notice">{{message}}</p>{{/SETTINGS_NOTICE}}
{{#SETTINGS_ERROR}}<p class="form-error" role="alert" id="settings-error">{{message}}</p>{{/SETTINGS_ERROR}}
<form method="post" action="/admin/settings" class="stacked settings-form"><input type="hidden" name="csrf" value="{{csrf}}">
<label for="name">{{t_admin_site_name}}</label><input id="name" name="name" value="{{name}}" required{{#BAD_NAME}} aria-invalid="true" aria-describedby="name-error"{{/BAD_NAME}}>{{#BAD_NAME}}<p class="field-error" id="name-error">{{field_message}}</p>{{/BAD_NAME}}
<label for="base_url">{{t_admin_base_url}}</label><input id="base_url" name="base_url" inputmode="url" value="{{base_url}}" aria-describedby="base-url-hint{{#BAD_BASE_URL}} base_url-error{{/BAD_BASE_URL}}"{{#BAD_BASE_URL}} aria-invalid="true"{{/BAD_BASE_URL}}><p class="hint" id="base-url-hint">{{t_admin_base_url_hint}}</p>{{#BAD_BASE_URL}}<p class="field-error" id="base_url-error">{{field_message}}</p>{{/BAD_BASE_URL}}
<label for="language">{{t_admin_language}}</label><select id="language" name="language"{{#BAD_LANGUAGE}} aria-invalid="true" aria-describedby="language-error"{{/BAD_LANGUAGE}}>{{#LANGUAGE}}<option value="{{value}}"{{#LANGUAGE_CHOSEN}} selected{{/LANGUAGE_CHOSEN}}>{{label}}</option>{{/LANGUAGE}}</select>{{#BAD_LANGUAGE}}<p class="field-error" id="language-error">{{field_message}}</p>{{/BAD_LANGUAGE}}
<label for="time_zone">{{t_admin_time_zone}}</label><input id="time_zone" name="time_zone" value="{{time_zone}}" autocapitalize="none" spellcheck="false" aria-describedby="zone-hint{{#BAD_TIME_ZONE}} time_zone-error{{/BAD_TIME_ZONE}}"{{#BAD_TIME_ZONE}} aria-invalid="true"{{/BAD_TIME_ZONE}}><p class="hint" id="zone-hint">{{t_admin_time_zone_hint}}</p>{{#BAD_TIME_ZONE}}<p class="field-error" id="time_zone-error">{{field_message}}</p>{{/BAD_TIME_ZONE}}
<label for="comment_policy">{{t_admin_comment_default}}</label><select id="comment_policy" name="comment_policy"{{#BAD_COMMENT_POLICY}} aria-invalid="true" aria-describedby="comment_policy-error"{{/BAD_COMMENT_POLICY}}>{{#SITE_POLICY}}<option value="{{value}}"{{#SITE_POLICY_CHOSEN}} selected{{/SITE_POLICY_CHOSEN}}>{{label}}</option>{{/SITE_POLICY}}</select>{{#BAD_COMMENT_POLICY}}<p class="field-error" id="comment_policy-error">{{field_message}}</p>{{/BAD_COMMENT_POLICY}}
<label for="close_after_days">{{t_admin_close_after_days}}</label><input id="close_after_days" name="close_after_days" type="number" min="0" step="1" value="{{close_after_days}}" aria-describedby="close-hint{{#BAD_CLOSE_AFTER_DAYS}} close_after_days-error{{/BAD_CLOSE_AFTER_DAYS}}"{{#BAD_CLOSE_AFTER_DAYS}} aria-invalid="true"{{/BAD_CLOSE_AFTER_DAYS}}><p class="hint" id="close-hint">{{t_admin_close_after_days_hint}}</p>{{#BAD_CLOSE_AFTER_DAYS}}<p class="field-error" id="close_after_days-error">{{field_message}}</p>{{/BAD_CLOSE_AFTER_DAYS}}
<button type="submit">{{t_save}}</button>
</form>
</section>
