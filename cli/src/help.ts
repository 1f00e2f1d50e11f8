/**
 * The help texts of `descent` and its subcommands. They live apart from the commands so that
 * `--help` loads only the lists it prints (surfaces, presets, sizes), not the solver or the
 * render code.
 */
import { GIF_FPS, SIZE_PRESETS, VIDEO_FPS } from '../../shared/export/settings.ts';
import { MAX_STEPS } from '../../shared/schema.ts';
import { PRESETS } from '../../shared/scene/presets.ts';
import { SURFACES } from '../../shared/surfaces.ts';
import { OPTIMIZER_KINDS, SCHEDULE_KINDS } from '../../shared/types.ts';

/** Two columns, the names padded to one width, each line indented. */
function listing(items: readonly { id: string; label: string }[], indent = '  '): string {
  const width = Math.max(...items.map((item) => item.id.length));
  return items.map((item) => `${indent}${item.id.padEnd(width)}  ${item.label}`).join('\n');
}

const SURFACE_LIST = listing(
  SURFACES.map((s) => ({ id: s.id, label: `${s.name}: ${s.expression}` })),
);
const PRESET_LIST = listing(PRESETS.map((p) => ({ id: p.id, label: p.title })));

export const HELP = `descent — gradient descent on loss surfaces, from the command line

Usage:
  descent solve   (--f EXPR | --surface NAME) --start X[,Y] [options]
  descent inspect (--f EXPR | --surface NAME) --at X[,Y] [options]
  descent graph   --f EXPR --at X[,Y] [--format table|json|dot]
  descent integrate --f EXPR --from A --to B [--n N] [--rule NAME] [--format table|json]
  descent train   --model linear|logistic|mlp --data NAME|FILE.csv [options]
  descent render  (SCENE.descent.json | --preset ID) -o OUT.(mp4|webm|gif|png|zip) [options]
  descent --help | --version
  descent COMMAND --help

f is typed like  x^2 + x*y,  -x^2 - y^2,  (1-x)^2 + 100(y-x^2)^2,  sigmoid(w),  relu(x) + abs(y).
Run 'descent COMMAND --help' (solve, inspect, graph, integrate, train, render) for each
command's options. 'descent train' fits a small model to data by minibatch descent and prints
its parameters, losses and learning rate step by step.

Built-in surfaces (--surface NAME):
${SURFACE_LIST}

Chapter presets (descent render --preset ID):
${PRESET_LIST}
`;

export const SOLVE_HELP = `descent solve — run an optimizer on f and print every step

Usage: descent solve (--f EXPR | --surface NAME) --start X[,Y] [options]

  --f EXPR              the function, one or two variables (e.g. "x^2 + x*y", "-log(x)")
  --surface NAME        a built-in surface instead (listed below)
  --start X[,Y]         starting point (required)
  --optimizer NAME      ${OPTIMIZER_KINDS.join('|')} (default gd)
  --lr N                learning rate η (default 0.1)
  --steps N             number of steps, 0 to ${MAX_STEPS} (default 50)
  --momentum B          β for momentum and nesterov (default 0.9)
  --beta1 B --beta2 B   Adam's moment decays (default 0.9, 0.999)
  --no-bias-correction  Adam without bias correction
  --rho R               RMSProp's squared-gradient decay (default 0.9)
  --eps E               ε in AdaGrad/RMSProp/Adam denominators (default 1e-8)
  --schedule NAME       ${SCHEDULE_KINDS.join('|')} (default constant)
  --warmup N            warm-up steps for warmup-cosine (default 10)
  --step-every N --step-factor F   step decay (default every 100 steps ×0.5)
  --gamma G             exponential decay per step (default 0.99)
  --min-lr N            floor of the cosine schedules (default 0)
  --clip N              clip the gradient to norm N
  --noise S --seed N    SGD's Gaussian gradient noise σ and its seed (default 0, 1)
  --domain XMIN,XMAX[,YMIN,YMAX]   box used for the divergence bound
  --format NAME         table|json|csv|markdown|latex (default table)

Exit codes: 0 done, 2 bad input or a run that cannot start (one line on stderr), 1 failure.

Built-in surfaces:
${SURFACE_LIST}
`;

export const INSPECT_HELP = `descent inspect — value, gradient, Hessian and curvature of f at a point

Usage: descent inspect (--f EXPR | --surface NAME) --at X[,Y] [options]

  --f EXPR              the function, one or two variables (e.g. "-x^2 - y^2")
  --surface NAME        a built-in surface instead (listed below)
  --at X[,Y]            the point (required)
  --dir DX[,DY]         also report the directional derivative along this direction
  --taylor X[,Y]        also report first- and second-order Taylor estimates of f there
  --jacobian "F1, F2"   also report the Jacobian of these comma-separated expressions
  --domain XMIN,XMAX[,YMIN,YMAX]   box sampled for the convexity verdict
  --format NAME         table|json (default table)

Built-in surfaces:
${SURFACE_LIST}
`;

export const GRAPH_HELP = `descent graph — f's computation graph, forward values and back-propagated adjoints

Usage: descent graph --f EXPR --at X[,Y] [--format table|json|dot]

  --f EXPR              the function, one or two variables (e.g. "(3x+1)^2", "a^2 + 3a")
  --at X[,Y]            the point (required)
  --format NAME         table|json|dot (default table); dot is Graphviz text:
                          descent graph --f "a^2 + 3a" --at 2 --format dot | dot -Tsvg > g.svg

The graph keeps f as typed (no simplification). Leaves are variables and numbers, the other
nodes are operations; a sub-expression used twice is one node with two out-edges. Each node
shows its value and its adjoint ∂f/∂node; each edge its local derivative ∂parent/∂child and
what flows back along it (the parent's adjoint times the local derivative). Where a node has
several out-edges, its adjoint is the sum of what flows back along them.
JSON adds the animation steps: every node forward in order, then the backward pass.

Exit codes: 0 done, 2 bad input or f undefined at the point (one line on stderr), 1 failure.
`;

export const INTEGRATE_HELP = `descent integrate — a Riemann sum of f against the exact integral

Usage: descent integrate --f EXPR --from A --to B [--n N] [--rule NAME] [--format table|json]

  --f EXPR              the function of one variable (e.g. "x^2", "exp(-x^2/2) / sqrt(2pi)")
  --from A --to B       the interval (required)
  --n N                 number of subintervals, 1 to 10000000 (default 10)
  --rule NAME           left|right|mid|trapezoid (default mid)
  --format NAME         table|json (default table)

The exact value comes from an antiderivative where f is built from polynomials, e^(kx),
sin(kx), cos(kx), 1/x, σ(x) (of a linear argument), sums and constant multiples; otherwise the
reference is adaptive Gauss–Kronrod quadrature, with its error estimate. The error printed is
estimate − reference.

Exit codes: 0 done, 2 bad input or f undefined or infinite in the interval (one line on
stderr), 1 failure.
`;

export const TRAIN_HELP = `descent train — fit a small model to data with minibatch descent, step by step

Usage: descent train --model linear|logistic|mlp --data NAME|FILE.csv [options]

  --model NAME          linear: least squares ŷ = w·x + b, parameters (w, b) on one feature
                          (w1 … wd, b on d features)
                        logistic: p = σ(w·x), no bias, parameters (w1, w2) on two features
                        mlp: a d–H–1 perceptron, cross-entropy loss, H·d + 2H + 1 parameters
  --data NAME|FILE.csv  line (regression, 200 points), blobs or moons (0/1 classes,
                        200 points each), or a CSV file (header row optional)
  --x COLS --y COL      CSV only: feature columns and target column, by header name or
                        0-based index (default: the last column is the target, the others
                        the features; linear asks for --x when that leaves more than one)
  --optimizer NAME      ${OPTIMIZER_KINDS.join('|')} (default gd; sgd is gd here, the
                        minibatches supply the noise)
  --lr N --momentum B --beta1 B --beta2 B --rho R --eps E --no-bias-correction --clip N
  --schedule NAME --warmup N --step-every N --step-factor F --gamma G --min-lr N
                        the optimizer's settings, as in 'descent solve --help'
                        (schedules: ${SCHEDULE_KINDS.join('|')}; default η = 0.1, constant)
  --batch N             minibatch size, 1 to the number of points (default 32, or all the
                        points when fewer); the number of points is full-batch descent
  --epochs N            passes over the data (default 20)
  --seed S              seed of the minibatch order and of the MLP's initial weights
                        (default 1): the same seed prints the same numbers
  --no-shuffle          visit the points in data order every epoch (the seed then only
                        changes the MLP's initial weights)
  --hidden H            MLP hidden units, 1 to 256 (default 8)
  --activation NAME     MLP hidden activation: tanh|relu (default tanh)
  --start A,B           θ₀ of linear and logistic models, one value per parameter
                        (default: first weight −2, every other parameter 3, i.e. (w, b) =
                        (−2, 3) and (w1, w2) = (−2, 3)); the MLP starts from seeded random
                        weights (Xavier for tanh, He for relu)
  --every K             print every K-th step and always the last (default: about 20 rows
                        in a table, every step in json and csv)
  --format NAME         table|json|csv (default table)

Each row: step, epoch and batch (counted from 1), the parameters after the step, the
minibatch loss whose gradient made the step, the loss on all the data, and η. Row 0 is θ₀.
The table names each parameter of linear and logistic models (w, b / w1, w2) and shows ‖θ‖
for the MLP; json and csv carry every parameter. Under the table: the final full loss, the
training accuracy of a classifier and, for linear regression, the exact least-squares fit and
its loss for comparison.

CSV rows that cannot be used (a missing or non-numeric value, a wrong number of cells, a label
other than 0/1 for logistic or mlp) are skipped and listed on stderr with their line numbers.

Exit codes: 0 done (also when the run diverged: the summary says so), 2 bad input (one line on
stderr), 1 failure.
`;

export const RENDER_HELP = `descent render — render a scene or a lesson to video, images, slides or a web page, headlessly

Usage: descent render (SCENE.descent.json | --preset ID) -o OUT.(mp4|webm|gif|png|zip) [options]
       descent render LOSS.(h5|npy|csv) [--surface NAME] -o OUT.(mp4|webm|gif|png|zip) [options]
       descent render (LESSON.descent-lesson.json | --lesson NAME) -o (DECK.pptx | DIR/) [options]
       descent render (SCENE | --preset ID | LESSON | --lesson calculus) -o PAGE.html

  -o, --output FILE     output file; the extension picks the format:
                          .mp4  H.264 (PowerPoint/Keynote-safe: yuv420p, fast start)
                          .webm VP9 (add --transparent for an alpha channel)
                          .gif  animated GIF (loops; 10, 20, 25 or 50 fps)
                          .png  one still frame      .zip  PNG sequence
                          .pptx PowerPoint deck, one slide per beat (see Lessons)
                          DIR/  a folder of clips, one MP4 per beat (see Lessons)
                          .html one self-contained page that plays the lesson or scene
  --preset ID           a chapter preset instead of a file (listed below)
  --lesson NAME         a built-in lesson instead of a file: calculus (Calculus for ML, one
                        slide per chapter preset)
  LOSS.(h5|npy|csv)     a loss landscape instead of a scene: a loss-landscape .h5/.hdf5
                        surface file, a 2D .npy grid or a .csv/.tsv grid, drawn as the app
                        opens it (log colours, the lowest point marked, one descent run)
  --surface NAME        the surface of a landscape file to draw, e.g. test_loss (default
                        train_loss, else the first loss in the file)
  --size WxH | NAME     output size, e.g. 1280x720, or ${SIZE_PRESETS.map((p) => p.id).join(', ')}
                        (default 1920x1080; GIF 640x360)
  --fps N               frames per second: ${VIDEO_FPS.join(', ')} (GIF: ${GIF_FPS.join(', ')}); default 30 (GIF 20)
  --duration S          render S seconds from the start (exactly S·fps frames)
  --steps A:B           render from step A to step B (default: the whole run)
  --speed N             playback speed in steps per second (default: the scene's)
  --hold S              hold the last frame S seconds (default 0)
  --transparent         transparent background, no floor (WebM, PNG, PNG sequence)
  --orbit DEG           turn the camera DEG degrees about the surface over the clip
  --caption             burn in the formula and a legend of the runs with their η
  --show-ahead          draw each path ahead of its ball too (faint); by default a path is
                        revealed as it plays, step by step
  --clips               one numbered file per slide clip (timeline markers split the run)
  --at STEP             step shown by a PNG still (default: the scene's playhead)
  --browser PATH        the browser to render with (Chromium, Chrome, Edge or Electron)
  -q, --quiet           no progress line

Lessons: a lesson's slides split into beats at their timeline markers (a slide that does not
move is one beat, a still). Every beat is rendered as its own H.264 MP4 with the flags above
(--size, --fps, --speed, --hold, --orbit, --caption, --show-ahead, --browser, --quiet), all
in one browser. A slide that does not move becomes a clip of its still picture lasting --hold
seconds, at least 1.
  -o NAME.pptx          one 16:9 slide per beat: the slide's title (with "(2/3)" when it has
                        several beats), the clip with its first frame as the cover, and the
                        slide's notes as speaker notes on every one of its beats. Videos start
                        when clicked: the PowerPoint writer (pptxgenjs) cannot mark a video
                        "Start: Automatically"; set that in PowerPoint (Playback › Start).
  -o DIR/               a folder of clips (a path ending in / or an existing folder; made if
                        missing): 01-title.mp4, 02-title-1.mp4 and so on in lesson order,
                        and titles.txt with each clip's number, title and notes. Other files in
                        the folder are left alone.
  -o NAME.html          one page (no render flags apply; it plays live in the viewer's browser)
--steps, --duration, --at, --clips and --transparent do not apply to a lesson. A single scene
renders to .pptx, DIR/ or .html too, as a lesson of one slide.

Uses the Electron app's runtime when its binary is installed, else a Chromium or Chrome found on
this system. Files are written under hidden temporary names and renamed into place only when the
whole render has succeeded; a failed or cancelled render leaves existing files as they were.
Exit codes: 0 done, 2 bad input / unwritable output / unsupported encoder / no usable browser,
1 failure, 130 cancelled (Ctrl+C).

Chapter presets:
${PRESET_LIST}
`;
