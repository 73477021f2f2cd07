// Package nlp analyses a cleaned article: named entities with
// in-document coreference and the roles the text gives them, quotes (found
// by package quotes) with their speakers resolved to entities, places
// resolved against a gazetteer, time expressions resolved against the
// publication time, numbers and quantities, and attributions (who the
// article credits for what). Every result carries the byte span it came
// from. An Analyzer is built from the models it uses (New); Default gives
// the shipped ones.
package nlp
