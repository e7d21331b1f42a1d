{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_BAR}}
<section class="admin-page editor" aria-labelledby="editor-heading">
<div class="admin-heading"><h1 id="editor-heading">{{heading}}</h1>{{#STORY_FACTS}} <p class="story-facts"><span class="state state-{{state_class}}" id="story-state">{{state}}</span>{{#FACT_DUE}} <span class="due">{{t_admin_scheduled_for}} <time datetime="{{due_iso}}">{{due_label}}</time></span>{{/FACT_DUE}} <span class="version">{{t_admin_version}} {{version}}</span> <a href="{{revisions_url}}">{{t_admin_revisions}}</a>{{#FACT_LIVE}} <a href="{{url}}">{{t_admin_view_on_site}}</a>{{/FACT_LIVE}}</p>{{/STORY_FACTS}}</div>
{{#EDITOR_NOTICE}}<p class="form-notice" role="status" id="editor-notice">{{message}}</p>{{/EDITOR_NOTICE}}
{{#EDITOR_ERROR}}<div class="form-error" role="alert" id="editor-error"><p>{{message}}</p>{{#ERROR_FIELD_LINK}}<p><a href="#{{field_id}}">{{t_admin_go_to_field}}</a></p>{{/ERROR_FIELD_LINK}}{{#CONFLICT_LINK}}<p><a href="{{url}}" target="_blank" rel="noopener">{{t_admin_open_current}}</a></p>{{/CONFLICT_LINK}}</div>{{/EDITOR_ERROR}}
{{#AUTHOR_LIVE_NOTE}}<p class="admin-note" id="author-live-note">{{t_admin_author_live_note}}</p>{{/AUTHOR_LIVE_NOTE}}
{{#LOCKED_NOTE}}<p class="admin-note">{{message}}</p>{{/LOCKED_NOTE}}
{{#SENT_BACK}}<div class="admin-note sent-back" id="sent-back"><p><strong>{{t_admin_sent_back_by}} {{by}}</strong>, <time datetime="{{when_iso}}">{{when_label}}</time></p>{{#SENT_BACK_NOTE}}<p>{{note}}</p>{{/SENT_BACK_NOTE}}</div>{{/SENT_BACK}}
{{#PENDING}}<section class="pending" id="pending" aria-labelledby="pending-heading"><h2 id="pending-heading">{{t_admin_pending_edit}}</h2>
<p>{{t_admin_pending_by}} {{by}}: <strong>{{state}}</strong>{{#PENDING_DUE}} <time datetime="{{due_iso}}">{{due_label}}</time>{{/PENDING_DUE}}. {{t_admin_saved_at}} <time datetime="{{saved_iso}}">{{saved_label}}</time>.</p>
{{#PENDING_NOTE}}<p class="sent-back"><strong>{{t_admin_editor_note}}</strong> {{note}}</p>{{/PENDING_NOTE}}
{{#PENDING_DIFF}}<p>{{t_admin_pending_changes}}</p><ol class="diff">{{#PENDING_LINE}}<li class="{{#LINE_ADDED}}added{{/LINE_ADDED}}{{#LINE_REMOVED}}removed{{/LINE_REMOVED}}"><span class="visually-hidden">{{#LINE_ADDED}}{{t_admin_added}}{{/LINE_ADDED}}{{#LINE_REMOVED}}{{t_admin_removed}}{{/LINE_REMOVED}}: </span>{{text}}</li>{{/PENDING_LINE}}</ol>{{/PENDING_DIFF}}
</section>{{/PENDING}}
<form method="post" action="{{action}}" id="editor-form" class="editor-form" data-preview-url="/admin/preview">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="version" value="{{version}}">
<div class="editor-grid">
<fieldset class="article-fields"{{#LOCKED}} disabled{{/LOCKED}}>
<legend class="visually-hidden">{{t_admin_article}}</legend>
<div class="field"><label for="headline">{{t_admin_headline}}</label><input id="headline" name="headline" value="{{headline}}" required{{#BAD_HEADLINE}} aria-invalid="true" aria-describedby="headline-error"{{/BAD_HEADLINE}}>{{#BAD_HEADLINE}}<p class="field-error" id="headline-error">{{field_message}}</p>{{/BAD_HEADLINE}}</div>
<div class="field"><label for="lead">{{t_admin_lead}}</label><textarea id="lead" name="lead" rows="3"{{#BAD_LEAD}} aria-invalid="true" aria-describedby="lead-error"{{/BAD_LEAD}}>{{lead:pre_escape}}</textarea>{{#BAD_LEAD}}<p class="field-error" id="lead-error">{{field_message}}</p>{{/BAD_LEAD}}</div>
<div class="field"><label for="body">{{t_admin_body}}</label><p class="hint" id="body-hint">{{t_admin_body_hint}}</p><textarea id="body" name="body" rows="18" class="body-input" aria-describedby="body-hint{{#BAD_BODY}} body-error{{/BAD_BODY}}"{{#BAD_BODY}} aria-invalid="true"{{/BAD_BODY}}>{{body:pre_escape}}</textarea>{{#BAD_BODY}}<p class="field-error" id="body-error">{{field_message}}</p>{{/BAD_BODY}}</div>
<div class="field-row">
<div class="field"><label for="section">{{t_admin_section}}</label><select id="section" name="section"{{#BAD_SECTION}} aria-invalid="true" aria-describedby="section-error"{{/BAD_SECTION}}><option value=""{{#NO_SECTION_CHOSEN}} selected{{/NO_SECTION_CHOSEN}}>{{t_admin_no_section}}</option>{{#SECTION_CHOICE}}<option value="{{name}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{name}}</option>{{/SECTION_CHOICE}}</select>{{#BAD_SECTION}}<p class="field-error" id="section-error">{{field_message}}</p>{{/BAD_SECTION}}</div>
{{#NEW_SECTION_FIELD}}<div class="field"><label for="new_section">{{t_admin_new_section}}</label><input id="new_section" name="new_section" value="{{new_section}}" aria-describedby="new-section-hint"><p class="hint" id="new-section-hint">{{t_admin_new_section_hint}}</p></div>{{/NEW_SECTION_FIELD}}
</div>
<div class="field"><label for="tags">{{t_tags}}</label><input id="tags" name="tags" value="{{tags}}" aria-describedby="names-hint{{#BAD_TAGS}} tags-error{{/BAD_TAGS}}"{{#BAD_TAGS}} aria-invalid="true"{{/BAD_TAGS}}>{{#BAD_TAGS}}<p class="field-error" id="tags-error">{{field_message}}</p>{{/BAD_TAGS}}</div>
<div class="field"><label for="authors">{{t_admin_authors}}</label><input id="authors" name="authors" value="{{authors}}" aria-describedby="names-hint{{#BAD_AUTHORS}} authors-error{{/BAD_AUTHORS}}"{{#BAD_AUTHORS}} aria-invalid="true"{{/BAD_AUTHORS}}><p class="hint" id="names-hint">{{t_admin_names_hint}}</p>{{#BAD_AUTHORS}}<p class="field-error" id="authors-error">{{field_message}}</p>{{/BAD_AUTHORS}}</div>
<div class="field-row">
<div class="field"><label for="source_name">{{t_admin_source_name}}</label><input id="source_name" name="source_name" value="{{source_name}}"{{#BAD_SOURCE_NAME}} aria-invalid="true" aria-describedby="source_name-error"{{/BAD_SOURCE_NAME}}>{{#BAD_SOURCE_NAME}}<p class="field-error" id="source_name-error">{{field_message}}</p>{{/BAD_SOURCE_NAME}}</div>
<div class="field"><label for="source_url">{{t_admin_source_url}}</label><input id="source_url" name="source_url" inputmode="url" value="{{source_url}}"{{#BAD_SOURCE_URL}} aria-invalid="true" aria-describedby="source_url-error"{{/BAD_SOURCE_URL}}>{{#BAD_SOURCE_URL}}<p class="field-error" id="source_url-error">{{field_message}}</p>{{/BAD_SOURCE_URL}}</div>
</div>
<fieldset class="flags"><legend>{{t_admin_flags}}</legend>
<label class="check" for="breaking"><input type="checkbox" id="breaking" name="breaking" value="on"{{#BREAKING_CHECKED}} checked{{/BREAKING_CHECKED}}> {{t_admin_breaking_flag}}</label>
<label class="check" for="top"><input type="checkbox" id="top" name="top" value="on"{{#TOP_CHECKED}} checked{{/TOP_CHECKED}}> {{t_admin_top_flag}}</label>
</fieldset>
<div class="field"><label for="slug">{{t_admin_slug}}</label><input id="slug" name="slug" value="{{slug}}" autocapitalize="none" spellcheck="false" aria-describedby="slug-hint{{#BAD_SLUG}} slug-error{{/BAD_SLUG}}"{{#BAD_SLUG}} aria-invalid="true"{{/BAD_SLUG}}><div class="hint" id="slug-hint">{{#ADDRESS_LIVE}}{{t_admin_public_address}} <a href="{{address}}" id="public-address">{{address}}</a>{{/ADDRESS_LIVE}}{{#ADDRESS_FUTURE}}{{t_admin_future_address}} <span class="address" id="public-address">{{address}}</span>{{/ADDRESS_FUTURE}}{{#ADDRESS_NEW}}{{t_admin_address_from_headline}}{{/ADDRESS_NEW}}</div>{{#BAD_SLUG}}<p class="field-error" id="slug-error">{{field_message}}</p>{{/BAD_SLUG}}</div>
<details class="seo"{{#BAD_SEO_TITLE}} open{{/BAD_SEO_TITLE}}{{#BAD_SEO_DESCRIPTION}} open{{/BAD_SEO_DESCRIPTION}}><summary>{{t_admin_seo}}</summary>
<div class="field"><label for="seo_title">{{t_admin_seo_title}}</label><input id="seo_title" name="seo_title" value="{{seo_title}}"{{#BAD_SEO_TITLE}} aria-invalid="true" aria-describedby="seo_title-error"{{/BAD_SEO_TITLE}}>{{#BAD_SEO_TITLE}}<p class="field-error" id="seo_title-error">{{field_message}}</p>{{/BAD_SEO_TITLE}}</div>
<div class="field"><label for="seo_description">{{t_admin_seo_description}}</label><textarea id="seo_description" name="seo_description" rows="2"{{#BAD_SEO_DESCRIPTION}} aria-invalid="true" aria-describedby="seo_description-error"{{/BAD_SEO_DESCRIPTION}}>{{seo_description:pre_escape}}</textarea>{{#BAD_SEO_DESCRIPTION}}<p class="field-error" id="seo_description-error">{{field_message}}</p>{{/BAD_SEO_DESCRIPTION}}</div>
</details>
{{#POLICY_FIELD}}<div class="field"><label for="policy">{{t_comment_policy_of_article}}</label><select id="policy" name="policy"{{#BAD_POLICY}} aria-invalid="true"{{/BAD_POLICY}}>{{#POLICY_CHOICE}}<option value="{{value}}"{{#POLICY_CHOSEN}} selected{{/POLICY_CHOSEN}}>{{label}}</option>{{/POLICY_CHOICE}}</select></div>{{/POLICY_FIELD}}
{{#CAN_CORRECT}}<fieldset class="correction-fields"><legend>{{t_correction}}</legend>
<label class="check" for="correction"><input type="checkbox" id="correction" name="correction" value="on"{{#CORRECTION_CHECKED}} checked{{/CORRECTION_CHECKED}}> {{t_admin_correction_flag}}</label>
<label for="correction_note">{{t_admin_correction_note}}</label><textarea id="correction_note" name="correction_note" rows="2" aria-describedby="correction-hint{{#BAD_CORRECTION_NOTE}} correction_note-error{{/BAD_CORRECTION_NOTE}}"{{#BAD_CORRECTION_NOTE}} aria-invalid="true"{{/BAD_CORRECTION_NOTE}}>{{correction_note:pre_escape}}</textarea><p class="hint" id="correction-hint">{{t_admin_correction_hint}}</p>{{#BAD_CORRECTION_NOTE}}<p class="field-error" id="correction_note-error">{{field_message}}</p>{{/BAD_CORRECTION_NOTE}}
</fieldset>{{/CAN_CORRECT}}
</fieldset>
<div class="editor-side">
<fieldset class="actions"><legend>{{t_admin_actions}}</legend>
{{#CAN_SAVE}}<button type="submit" name="step" value="save" id="save-button">{{save_label}}</button>{{/CAN_SAVE}}
{{#CAN_SUBMIT}}<button type="submit" name="step" value="submit" id="submit-button">{{t_admin_submit}}</button>{{/CAN_SUBMIT}}
{{#CAN_PUBLISH}}<button type="submit" name="step" value="publish" id="publish-button">{{label}}</button>{{/CAN_PUBLISH}}
{{#CAN_SCHEDULE}}<div class="schedule"><label for="publish_at">{{t_admin_publish_at}}</label><input id="publish_at" name="publish_at" type="datetime-local" step="1" value="{{publish_at}}" aria-describedby="zone-hint{{#BAD_PUBLISH_AT}} publish_at-error{{/BAD_PUBLISH_AT}}"{{#BAD_PUBLISH_AT}} aria-invalid="true"{{/BAD_PUBLISH_AT}}><p class="hint" id="zone-hint">{{zone_hint}}</p>{{#BAD_PUBLISH_AT}}<p class="field-error" id="publish_at-error">{{field_message}}</p>{{/BAD_PUBLISH_AT}}<button type="submit" name="step" value="schedule" id="schedule-button">{{label}}</button></div>{{/CAN_SCHEDULE}}
{{#CAN_SEND_BACK}}<div class="send-back-fields"><label for="note">{{t_admin_send_back_note}}</label><textarea id="note" name="note" rows="3"{{#BAD_NOTE}} aria-invalid="true" aria-describedby="note-error"{{/BAD_NOTE}}>{{note:pre_escape}}</textarea>{{#BAD_NOTE}}<p class="field-error" id="note-error">{{field_message}}</p>{{/BAD_NOTE}}<button type="submit" name="step" value="send_back" class="secondary" id="send-back-button">{{t_admin_send_back}}</button></div>{{/CAN_SEND_BACK}}
{{#CAN_UNPUBLISH}}<button type="submit" name="step" value="unpublish" class="danger" id="unpublish-button">{{label}}</button>{{/CAN_UNPUBLISH}}
{{#CAN_DISCARD}}<button type="submit" name="step" value="discard_pending" class="danger" id="discard-button">{{t_admin_discard_pending}}</button>{{/CAN_DISCARD}}
{{#CAN_PREVIEW}}<button type="submit" name="step" value="preview" class="secondary" id="preview-button">{{t_admin_preview}}</button>{{/CAN_PREVIEW}}
<p class="hint">{{t_admin_shortcut_hint}}</p>
</fieldset>
<section class="preview" aria-labelledby="preview-heading"><h2 id="preview-heading">{{t_admin_preview}}</h2><div class="story-body preview-body" id="preview-body" aria-live="polite">{{preview_html:none}}</div></section>
</div>
</div>
</form>
</section>
