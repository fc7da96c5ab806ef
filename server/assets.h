// The search page's files and the OpenAPI description, compiled into newsserve (embed_assets.cmake).
#pragma once

#include <optional>
#include <string_view>

namespace newsindex {

// The bytes of an embedded file by its name ("/index.html", "/app.js", "/app.css",
// "/openapi.json"); nullopt for any other name. Never touches the file system.
std::optional<std::string_view> asset(std::string_view name);

}  // namespace newsindex
