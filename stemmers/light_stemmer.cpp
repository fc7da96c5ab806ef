#include "light_stemmer.h"

#include "utf8.h"

namespace newsindex {

namespace {

// Savoy's accent step: the base letter of a two-byte UTF-8 Latin-1 vowel (C3 xx), or 0.
char base_vowel(unsigned char second) {
  switch (second) {
    case 0xA0: case 0xA1: case 0xA2: case 0xA4: return 'a';  // à á â ä
    case 0xB2: case 0xB3: case 0xB4: case 0xB6: return 'o';  // ò ó ô ö
    case 0xB9: case 0xBA: case 0xBB: case 0xBC: return 'u';  // ù ú û ü
    case 0xAC: case 0xAD: case 0xAE: case 0xAF: return 'i';  // ì í î ï
    default: return 0;
  }
}

std::string without_accents(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (static_cast<unsigned char>(word[i]) == 0xC3 && i + 1 < word.size()) {
      if (const char base = base_vowel(static_cast<unsigned char>(word[i + 1]))) {
        out.push_back(base);
        ++i;
        continue;
      }
    }
    out.push_back(word[i]);
  }
  return out;
}

// The letters after which -s (step 1) and -st (step 2) are endings (Savoy's "valid s/st-ending").
bool st_ending(char c) {
  switch (c) {
    case 'b': case 'd': case 'f': case 'g': case 'h': case 'k': case 'l': case 'm': case 'n': case 't': return true;
    default: return false;
  }
}

// Whether w ends with the suffix and has at least min_letters code points.
bool cut_ok(const std::string& w, std::string_view suffix, std::size_t min_letters) {
  return w.size() > suffix.size() && w.ends_with(suffix) && utf8::length(w) >= min_letters;
}

// Whether w ends with one of b d f g h k l m n t followed by the suffix, with at least min_letters.
bool cut_after_st_ending(const std::string& w, std::string_view suffix, std::size_t min_letters) {
  return cut_ok(w, suffix, min_letters) && st_ending(w[w.size() - suffix.size() - 1]);
}

void step1(std::string& w) {
  if (cut_ok(w, "ern", 6)) return w.resize(w.size() - 3);
  for (std::string_view s : {"em", "en", "er", "es"})
    if (cut_ok(w, s, 5)) return w.resize(w.size() - 2);
  if (cut_ok(w, "e", 4)) return w.resize(w.size() - 1);
  if (cut_after_st_ending(w, "s", 4)) w.resize(w.size() - 1);
}

void step2(std::string& w) {
  if (cut_ok(w, "est", 6)) return w.resize(w.size() - 3);
  for (std::string_view s : {"er", "en"})
    if (cut_ok(w, s, 5)) return w.resize(w.size() - 2);
  if (cut_after_st_ending(w, "st", 5)) w.resize(w.size() - 2);
}

}  // namespace

std::string savoy_light_stem(std::string_view word) {
  std::string w = without_accents(word);
  step1(w);
  step2(w);
  return w;
}

}  // namespace newsindex
