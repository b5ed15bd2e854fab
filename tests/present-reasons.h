/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>
#include <glib.h>

/* Twelve participants' reasons for their scores of one piece, each close to
 * the 200 characters a phone may send: the presentation's tests and
 * screenshots of the reasons behind the extreme scores (issue 15) use
 * them at their longest. */
static const char *const present_long_reasons[12] = {
  "Vi pratar om långsiktighet på varje ledningsgruppsmöte, men i praktiken styrs nästan allt av årets "
  "budget och av det som brinner just nu, så de långsiktiga satsningarna skjuts upp till nästa år.",
  "Förbättringsarbetet startar med stor energi varje höst men ebbar ut till våren, och ingen följer upp om "
  "förändringarna faktiskt gav något, så vi vet inte vad som fungerar och vad vi borde sluta med.",
  "Vi har en tydlig plan för kompetensförsörjningen de kommande fem åren och följer den, men planen är "
  "okänd för de flesta medarbetare och enhetschefer, som inte ser hur deras arbete hänger ihop med den.",
  "Heltidsresan visar att vi kan hålla fast vid ett mål i flera år även när det blåser, men det gäller "
  "bara de frågor som förvaltningschefen själv driver, inte det vi andra vill genomföra i våra enheter.",
  "Brukarnas synpunkter samlas in varje år men resultaten når sällan arbetsplatsträffarna, och när de väl "
  "gör det har det gått så lång tid att ingen längre minns vad frågan gällde eller vem som svarade.",
  "Det finns en gemensam målbild för omsorgen som alla chefer har varit med och tagit fram, och vi "
  "återkommer till den när vi prioriterar, även om vardagen ofta tar över när bemanningen är ansträngd.",
  "Investeringar i välfärdsteknik beslutas utan att någon räknar på vad de kostar och ger över flera år, "
  "så vi vet inte om trygghetskamerorna och läkemedelsrobotarna faktiskt har lönat sig.",
  "Vi tar fram nyckeltal för kvalitet och ekonomi varje månad, och vi använder dem för att följa trender "
  "över tid snarare än att reagera på enskilda avvikelser, vilket gjort besluten lugnare och bättre.",
  "Nya enhetschefer får en gedigen introduktion och en erfaren mentor under det första året, och det märks "
  "i att fler stannar kvar, men vi saknar en plan för hur de erfarna cheferna ska utvecklas.",
  "Samarbetet med regionen bygger på personliga kontakter snarare än på avtal och rutiner, så allt vi har "
  "byggt upp riskerar att försvinna den dag någon av nyckelpersonerna slutar eller byter uppdrag.",
  "Vi har börjat mäta hur länge medarbetarna stannar och varför de slutar, och det har redan lett till två "
  "konkreta förändringar i schemaläggningen som personalen själv bett om på arbetsplatsträffarna.",
  "Ledningsgruppen lägger mest tid på akuta bemanningsfrågor och ekonomiska avvikelser, och de strategiska "
  "frågorna hamnar sist på dagordningen, där de ofta skjuts upp till nästa möte eller faller bort.",
};

/* @reason typed on several lines, as phones and the laptop allow: its
 * clauses one a line; then, while shorter than @length characters, again
 * after a blank line; cut at @length characters. */
static inline char *
present_multi_line_reason (const char *reason,
                           guint       length)
{
  g_auto (GStrv) clauses = g_strsplit (reason, ", ", -1);
  g_autofree char *lines = g_strjoinv (",\n", clauses);
  GString *text = g_string_new (lines);

  while (g_utf8_strlen (text->str, -1) < (glong) length)
    g_string_append_printf (text, "\n\n%s", lines);
  g_string_truncate (text, (gsize) (g_utf8_offset_to_pointer (text->str, length) - text->str));
  return g_string_free (text, FALSE);
}
