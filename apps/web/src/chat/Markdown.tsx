import ReactMarkdown, { type Components } from 'react-markdown';

/** Links in answers open in a new tab, without giving that tab a handle on this one. */
const components: Components = {
  a: ({ node: _node, children, ...props }) => (
    <a {...props} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

/** Images would load from wherever an answer points; they are left out. */
const DISALLOWED = ['img'];

/**
 * An answer rendered as markdown, safely: raw HTML in the text is shown as text, never parsed
 * (no rehype-raw), and link targets go through react-markdown's URL filter, which drops
 * `javascript:` and other unsafe protocols.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="chat-markdown">
      <ReactMarkdown components={components} disallowedElements={DISALLOWED}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
