/*
 * Layar's additions to the web editor (Decap CMS), loaded by /admin/ after the bundle.
 *
 * Widgets "layar-string", "layar-text", "layar-select", "layar-datetime" and "layar-image":
 * Decap's own widgets of these names, which refuse an empty value with the message of the
 * field's "layar_required" (layar.schema.required_message, written into admin/config.yml
 * by `invoke docs`): the words `invoke check` prints for the same mistake.  Decap's own
 * message for an empty required field ("… is required.") is made empty, so the editor
 * shows the schema's alone (Decap lists only messages with text); every required field of
 * Layar's configuration uses one of these widgets.
 *
 * An external file of the site's origin, so the editor's policy needs no inline script.
 */
(function () {
  "use strict";
  var CMS = window.CMS;
  var createClass = window.createClass;
  var h = window.h;

  function isEmpty(value) {
    if (value === null || value === undefined) {
      return true;
    }
    if (typeof value === "string") {
      return value.trim() === "";
    }
    if (typeof value.size === "number") {
      return value.size === 0;
    }
    return typeof value.length === "number" && value.length === 0;
  }

  function refusal(control) {
    var message = control.props.field.get("layar_required");
    if (message && isEmpty(control.props.value)) {
      return { error: { type: "PRESENCE", message: message } };
    }
    return null;
  }

  // Text, choices and dates: a control around Decap's, asked first.
  function wrapped(base) {
    var widget = CMS.getWidget(base);
    var Control = createClass({
      setInner: function (inner) {
        this.inner = inner;
      },
      isValid: function () {
        var refused = refusal(this);
        if (refused) {
          return refused;
        }
        if (this.inner && typeof this.inner.isValid === "function") {
          return this.inner.isValid();
        }
        return true;
      },
      render: function () {
        return h(widget.control, Object.assign({}, this.props, { ref: this.setInner }));
      }
    });
    CMS.registerWidget("layar-" + base, Control, widget.preview);
  }

  ["string", "text", "select", "datetime"].forEach(wrapped);

  // Pictures: Decap's media control keeps the chosen file by its own instance, so it is
  // not wrapped; its class learns the check instead (fields without "layar_required",
  // Decap's plain "image" ones, are not affected).
  var image = CMS.getWidget("image");
  var own = image.control.prototype.isValid;
  image.control.prototype.isValid = function () {
    return refusal(this) || (own ? own.apply(this, arguments) : true);
  };
  CMS.registerWidget("layar-image", image.control, image.preview);

  // Decap's "%{fieldLabel} is required.": empty, so the schema's message stands alone.
  var en = JSON.parse(JSON.stringify(CMS.getLocale("en")));
  en.editor.editorControlPane.widget.required = "";
  CMS.registerLocale("en", en);
})();
