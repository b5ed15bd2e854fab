/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The size the puzzle's renderer gives the pieces' names in an area, for the
 * presentation's UI test (tests/ui/test_present_slides.py measures the
 * projected puzzle's area on the screen and asks this what the room reads):
 *
 *   puzzle-name-size WIDTH HEIGHT     prints the name size in pixels
 *
 * The pieces are the content pack's, in the language LANGUAGE picks, as
 * tests/present-fixture makes the workshop. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "verk-content.h"
#include "verk-puzzle-render.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (VerkContent) content = NULL;
  g_autoptr (VerkPuzzleLayout) layout = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree VerkPuzzlePiece *pieces = NULL;
  VerkPuzzleStyle style;
  guint n;

  setlocale (LC_ALL, "");
  if (argc != 3 || atof (argv[1]) <= 0 || atof (argv[2]) <= 0)
    {
      fprintf (stderr, "usage: %s WIDTH HEIGHT\n", argv[0]);
      return 2;
    }
  content = verk_content_new (NULL, &error);
  if (content == NULL)
    g_error ("content pack: %s", error->message);
  n = verk_content_get_n_values (content);
  pieces = g_new0 (VerkPuzzlePiece, n);
  for (guint i = 0; i < n; i++)
    {
      pieces[i].name = verk_content_get_value (content, i)->name;
      pieces[i].score = 3;
    }
  layout = verk_puzzle_layout_new (n, atof (argv[1]), atof (argv[2]));
  verk_puzzle_style_init_default (&style, FALSE);
  printf ("%.2f\n", verk_puzzle_render_get_name_size (layout, pieces, n, &style));
  return 0;
}
