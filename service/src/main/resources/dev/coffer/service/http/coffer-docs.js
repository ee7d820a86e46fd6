// Swagger UI over this service's own OpenAPI document (the URL is the page's data-url).
window.ui = SwaggerUIBundle({
  url: document.getElementById("swagger-ui").dataset.url,
  dom_id: "#swagger-ui",
  deepLinking: true
});
