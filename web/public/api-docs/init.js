// Starts swagger-ui on this server's OpenAPI document. "Try it out" sends the session cookie
// (same origin); unsafe methods also need the session's CSRF token, read from /api/auth/status/.
(function () {
  var csrf = '';
  fetch('/api/auth/status/', { credentials: 'same-origin' })
    .then(function (r) { return r.json(); })
    .then(function (s) { csrf = s.csrf_token || ''; })
    .catch(function () {});
  window.ui = SwaggerUIBundle({
    url: '/api/schema/',
    dom_id: '#swagger-ui',
    deepLinking: true,
    layout: 'BaseLayout',
    presets: [SwaggerUIBundle.presets.apis],
    validatorUrl: null, // the online validator would be a remote request
    requestInterceptor: function (req) {
      if (csrf) req.headers['X-CSRFToken'] = csrf;
      return req;
    },
  });
})();
