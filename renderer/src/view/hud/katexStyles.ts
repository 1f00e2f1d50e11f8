// KaTeX's stylesheet (and through it the fonts), loaded with the script by katex.ts.
import 'katex/dist/katex.min.css';
