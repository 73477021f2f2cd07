// Package quotes finds what an article says people said: direct quotes
// (the statement is a quotation), partial quotes (quoted words inside a
// reported clause) and indirect speech, each with its cue ("said", "told",
// "according to") and the surface mention of its speaker. Rules propose;
// a model learned from annotated quotes (Model, trained by Train) decides
// whether quotations are an attribution at all and where the attributed
// content starts and ends. Linking a speaker's mention to an entity is the
// analysis's job (package nlp), which knows the article's people.
package quotes
