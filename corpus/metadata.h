// Metadata every article gets whatever its format, in one place: date normalisation, source from
// the URL, credited news agencies and the language. open_reader() applies it to every article.
#pragma once

#include <string>
#include <string_view>

#include "article.h"
#include "reader.h"

namespace newsindex {

// Finishes an article a reader produced: repairs invalid UTF-8 (warning), normalises the date
// (an unparsable date is a warning and stays missing, never "now"), takes the source from the
// URL's domain when none was given, and fills agency and lang when the reader left them empty.
// Warnings go to `problems` with the article's origin as the place.
void finish_metadata(Article& article, const ProblemSink& problems);

// The news agencies credited in a text, lowercase, sorted, comma-separated ("afp,dpa"): only
// credit patterns count — a dateline "Berlin (dpa) -" at the start, a closing credit line
// "bri/kle (afp, dpa)" or "(APA, 12.3.2016)", and "Quelle: dpa" / "Mit Material von dpa".
// Known: dpa, afp, reuters (also "rtr"), ap, kna, epd, sid, apa.
std::string detect_agencies(std::string_view text);

// The language of a text by the share of common function words: "de", "en", "fr", "es", "it",
// "nl", or "" when the text is too short or unclear.
std::string detect_language(std::string_view text);

// The host of a URL, lowercase, without "www." and port ("https://www.zeit.de/x" → "zeit.de");
// "" when it is not a URL with a host.
std::string domain_of(std::string_view url);

}  // namespace newsindex
