// The German stop word list (function words). Stop words are still indexed with positions, so
// phrases such as "Sein oder nicht sein" work; they get no stem term and are dropped from queries
// outside phrases unless nothing else is left.
#pragma once

#include <span>
#include <string_view>

namespace newsindex {

// The built-in list, as written (the Analyzer normalises it like text when it loads it).
std::span<const std::string_view> german_stopwords();

}  // namespace newsindex
