// The explorer page: GraphiQL served by the server itself, the contract operations as examples,
// nothing loaded from another origin.
import { explorerPage, loadExamples } from '../../../server/explorer/page.ts';
import { contractOperations } from '../../support/contract.ts';

describe('GraphQL explorer page', () => {
  const examples = loadExamples();
  const page = explorerPage(examples);

  it('loads every contract operation as an example, with the comment above it', () => {
    expect(examples.map((e) => e.name).sort()).toEqual([...contractOperations().keys()].sort());
    const login = examples.find((e) => e.name === 'Login')!;
    expect(login.comment).toMatch(/UNAUTHENTICATED/);
    expect(login.query).toMatch(/^mutation Login/);
    expect(page).toContain('"name":"Login"');
  });

  it("loads nothing from elsewhere: its one script is this server's", () => {
    expect([...page.matchAll(/<script[^>]+src="([^"]+)"/gi)].map((m) => m[1])).toEqual([
      '/explorer/assets/graphiql.js',
    ]);
    expect(page).not.toMatch(/<link[^>]+href=/i);
    expect(page).not.toMatch(/https?:\/\//);
  });

  it('cannot be broken out of by an example containing </script>', () => {
    const hostile = explorerPage([
      {
        name: 'X',
        file: 'x.graphql',
        comment: '</script><script>alert(1)</script>',
        query: '{ a }',
      },
    ]);
    expect(hostile.match(/<\/script>/g)).toHaveLength(2);
  });
});
