/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-text"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "verk-text.h"

gboolean
verk_text_validate (const char  *text,
                    gssize       len,
                    guint        max_chars,
                    const char  *what,
                    GError     **error)
{
  const char *end = NULL;
  gsize n_bytes;

  g_return_val_if_fail (what != NULL, FALSE);

  if (text == NULL)
    return TRUE;

  n_bytes = len < 0 ? strlen (text) : (gsize) len;
  if (memchr (text, '\0', n_bytes) != NULL)
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   _("The text for %s contains a NUL character. Remove it and try again."), what);
      return FALSE;
    }
  if (!g_utf8_validate (text, n_bytes, &end))
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   _("The text for %s is not valid UTF-8 (at byte %d)."), what, (int) (end - text));
      return FALSE;
    }
  if (g_utf8_strlen (text, n_bytes) > (glong) max_chars)
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_MEMORY,
                   _("The text for %s is too long: at most %u characters are allowed."), what, max_chars);
      return FALSE;
    }
  return TRUE;
}

gsize
verk_text_utf16_length (const char *text)
{
  gsize units = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    units += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
  return units;
}

char *
verk_text_truncate_utf16 (const char *text,
                          gsize       max_units,
                          const char *marker)
{
  gsize marker_units;
  gsize units = 0;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (marker != NULL, NULL);

  if (verk_text_utf16_length (text) <= max_units)
    return g_strdup (text);

  marker_units = verk_text_utf16_length (marker);
  g_return_val_if_fail (marker_units <= max_units, NULL);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize w = g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
      if (units + w > max_units - marker_units)
        break;
      units += w;
    }
  {
    g_autofree char *head = g_strndup (text, p - text);
    return g_strconcat (head, marker, NULL);
  }
}
