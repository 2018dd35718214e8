// Passkeys: <form data-passkey="register|get" data-options-url="…" hidden> with a hidden
// <input name="credential">. On submit the form asks the server for options (JSON, binary
// fields in base64url), hands them to navigator.credentials, puts the answer in `credential`
// as JSON (base64url again) and posts the form as usual. Without JavaScript or WebAuthn the
// forms stay hidden, and the [data-passkey-fallback] text that says so stays visible.
(function () {
  "use strict";

  if (!window.PublicKeyCredential || !navigator.credentials) return;

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) base64 += "=";
    var binary = window.atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return window.btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      return Object.assign({}, item, { id: toBytes(item.id) });
    });
  }

  function creationOptions(options) {
    options.challenge = toBytes(options.challenge);
    options.user.id = toBytes(options.user.id);
    options.excludeCredentials = descriptors(options.excludeCredentials);
    return options;
  }

  function requestOptions(options) {
    options.challenge = toBytes(options.challenge);
    options.allowCredentials = descriptors(options.allowCredentials);
    return options;
  }

  function credentialJSON(credential) {
    var response = credential.response;
    var body = {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toBase64url(response.clientDataJSON) },
    };
    if (response.attestationObject) {
      body.response.attestationObject = toBase64url(response.attestationObject);
      body.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      body.response.authenticatorData = toBase64url(response.authenticatorData);
      body.response.signature = toBase64url(response.signature);
      if (response.userHandle) body.response.userHandle = toBase64url(response.userHandle);
    }
    return JSON.stringify(body);
  }

  function showError(form, text) {
    var box = form.querySelector("[data-passkey-error]");
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
  }

  function ceremony(form, event) {
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    var data = new FormData(form);
    var body = new URLSearchParams();
    body.append("csrfmiddlewaretoken", data.get("csrfmiddlewaretoken"));
    if (data.get("purpose")) body.append("purpose", data.get("purpose"));
    if (form.reportValidity && !form.reportValidity()) return;
    if (button) button.disabled = true;
    fetch(form.getAttribute("data-options-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error("options " + response.status);
        return response.json();
      })
      .then(function (options) {
        if (form.getAttribute("data-passkey") === "register") {
          return navigator.credentials.create({ publicKey: creationOptions(options) });
        }
        return navigator.credentials.get({ publicKey: requestOptions(options) });
      })
      .then(function (credential) {
        form.querySelector("input[name=credential]").value = credentialJSON(credential);
        form.submit();
      })
      .catch(function () {
        if (button) button.disabled = false;
        showError(form, form.getAttribute("data-error") || "");
      });
  }

  document.querySelectorAll("form[data-passkey]").forEach(function (form) {
    form.hidden = false;
    form.addEventListener("submit", function (event) { ceremony(form, event); });
  });
  document.querySelectorAll("[data-passkey-fallback]").forEach(function (element) {
    element.hidden = true;
  });
})();
