import type { TSESTree } from '@typescript-eslint/types';
import { createRequire } from 'node:module';
import type * as ts from 'typescript';
import { nodeAtRange } from './ast/walk.js';
import type { AnalysisHost, ImportedDeclaration } from './host.js';
import { type ParsedFile, parseForAnalysis } from './standalone-host.js';

/** What a host with type information (typescript-eslint's parser services) can give. */
export interface TypeInformation {
  readonly program: ts.Program;
  /** The TypeScript node of an ESTree node of the analysed file. */
  esTreeNodeToTSNode(node: TSESTree.Node): ts.Node | undefined;
}

/** Each module is parsed once per TypeScript source file, which the language service keeps while the file is unchanged. */
const parsedModules = new WeakMap<ts.SourceFile, ParsedFile | null>();

/**
 * Gives `host` the ability to read imported bindings where they are declared:
 * the TypeScript program resolves the import (through re-exports and
 * aliases) to its declaration, whose module is parsed as the analysis parses
 * any file. Only `const`/`let`/`var` declarations and `export default`
 * expressions have a value to read; declaration files and packages
 * (`node_modules`) are not read.
 */
export function withImportedDeclarations(host: AnalysisHost, types: TypeInformation): AnalysisHost {
  const typescript = loadTypeScript();
  const { program } = types;
  const checker = program.getTypeChecker();
  const moduleHosts = new Map<ts.SourceFile, { host: AnalysisHost; program: TSESTree.Program; offset: number } | null>();

  const aliased = (symbol: ts.Symbol): ts.Symbol =>
    symbol.flags & typescript.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;

  const declaredRange = (declaration: ts.Declaration): [number, number] | undefined => {
    if (typescript.isVariableDeclaration(declaration) && typescript.isIdentifier(declaration.name)) {
      return [declaration.name.getStart(), declaration.name.end];
    }
    if (typescript.isExportAssignment(declaration)) {
      // ESTree has no node for parentheses: the expression inside them is what it knows.
      let expression = declaration.expression;
      while (typescript.isParenthesizedExpression(expression)) expression = expression.expression;
      return [expression.getStart(), expression.end];
    }
    return undefined;
  };

  const declarationOf = (binding: ts.Node | undefined, exportName: string | undefined): ImportedDeclaration | null => {
    let symbol = binding && checker.getSymbolAtLocation(binding);
    if (symbol && exportName !== undefined) {
      symbol = checker.getExportsOfModule(aliased(symbol)).find((candidate) => candidate.name === exportName);
    }
    if (!symbol) return null;
    const target = aliased(symbol);
    const declaration = target.valueDeclaration ?? target.declarations?.[0];
    const range = declaration && declaredRange(declaration);
    if (!declaration || !range) return null;
    const sourceFile = declaration.getSourceFile();
    const module = moduleHost(sourceFile);
    const node = module && nodeAtRange(module.program, range[0] - module.offset, range[1] - module.offset);
    return module && node ? { fileName: sourceFile.fileName, host: module.host, node } : null;
  };

  /** Whether a module's statements include `export * from` the module `declaring`. */
  const reExportsAll = (sourceFile: ts.SourceFile, declaring: ts.SourceFile): boolean =>
    sourceFile.statements.some(
      (statement) =>
        typescript.isExportDeclaration(statement) &&
        !statement.exportClause &&
        statement.moduleSpecifier !== undefined &&
        checker.getSymbolAtLocation(statement.moduleSpecifier)?.valueDeclaration === declaring,
    );

  const callsElsewhere = (binding: ts.Node | undefined): ImportedDeclaration[] | null => {
    const symbol = binding && checker.getSymbolAtLocation(binding);
    if (!binding || !symbol) return null;
    const target = aliased(symbol);
    const declaring = binding.getSourceFile();
    if (target.name === 'default') return null;
    const calls: ImportedDeclaration[] = [];
    for (const sourceFile of program.getSourceFiles()) {
      if (sourceFile === declaring || sourceFile.isDeclarationFile || program.isSourceFileFromExternalLibrary(sourceFile)) continue;
      // Every module that can name the function has its name in its text (an import, a namespace's property).
      if (!sourceFile.text.includes(target.name)) continue;
      if (reExportsAll(sourceFile, declaring)) return null;
      const found: ts.CallExpression[] = [];
      let escapes = false;
      const visit = (node: ts.Node): void => {
        if (escapes) return;
        if (typescript.isIdentifier(node) && !isImportName(typescript, node)) {
          const at = checker.getSymbolAtLocation(node);
          if (at && aliased(at) === target) {
            const read = typescript.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : node;
            if (typescript.isCallExpression(read.parent) && read.parent.expression === read) found.push(read.parent);
            else escapes = true;
          }
        }
        typescript.forEachChild(node, visit);
      };
      visit(sourceFile);
      if (escapes) return null;
      if (found.length === 0) continue;
      const module = moduleHost(sourceFile);
      if (!module) return null;
      for (const call of found) {
        const node = nodeAtRange(module.program, call.getStart(sourceFile) - module.offset, call.end - module.offset);
        const inner = node?.type === 'ChainExpression' ? node.expression : node;
        if (inner?.type !== 'CallExpression') return null;
        calls.push({ fileName: sourceFile.fileName, host: module.host, node: inner });
      }
    }
    return calls;
  };

  const moduleHost = (sourceFile: ts.SourceFile) => {
    if (moduleHosts.has(sourceFile)) return moduleHosts.get(sourceFile) ?? null;
    let entry: { host: AnalysisHost; program: TSESTree.Program; offset: number } | null = null;
    if (!sourceFile.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sourceFile)) {
      const parsed = parseModule(sourceFile);
      if (parsed) {
        const offset = parsed.bom ? 1 : 0;
        entry = {
          program: parsed.program,
          offset,
          host: {
            ...parsed.host,
            findImportedDeclaration: (binding, exportName) =>
              declarationOf(identifierAt(typescript, sourceFile, binding.range[0] + offset), exportName),
            findCallsInOtherModules: (binding) => callsElsewhere(identifierAt(typescript, sourceFile, binding.range[0] + offset)),
          },
        };
      }
    }
    moduleHosts.set(sourceFile, entry);
    return entry;
  };

  return {
    ...host,
    findImportedDeclaration: (binding, exportName) => declarationOf(types.esTreeNodeToTSNode(binding), exportName),
    findCallsInOtherModules: (binding) => callsElsewhere(types.esTreeNodeToTSNode(binding)),
  };
}

function parseModule(sourceFile: ts.SourceFile): ParsedFile | null {
  if (parsedModules.has(sourceFile)) return parsedModules.get(sourceFile) ?? null;
  let parsed: ParsedFile | null;
  try {
    parsed = parseForAnalysis(sourceFile.text, { filePath: sourceFile.fileName });
  } catch {
    // TypeScript reads files it cannot fully parse; the analysis reads no value from them.
    parsed = null;
  }
  parsedModules.set(sourceFile, parsed);
  return parsed;
}

/** The names an import or export statement gives (`get` in `import { get } from`, `export { get }`): no use of the function. */
function isImportName(typescript: typeof ts, node: ts.Identifier): boolean {
  const parent = node.parent;
  return typescript.isImportSpecifier(parent) || typescript.isImportClause(parent) || typescript.isNamespaceImport(parent) || typescript.isImportEqualsDeclaration(parent);
}

/** The identifier that starts at `position`. */
function identifierAt(typescript: typeof ts, sourceFile: ts.SourceFile, position: number): ts.Node | undefined {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child = typescript.forEachChild(node, (candidate) =>
      candidate.getStart(sourceFile) <= position && position < candidate.end ? candidate : undefined,
    );
    if (!child) return typescript.isIdentifier(node) && node.getStart(sourceFile) === position ? node : undefined;
    node = child;
  }
}

let typescriptModule: typeof ts | undefined;

/** TypeScript is there whenever a program is: it is what made it. */
function loadTypeScript(): typeof ts {
  typescriptModule ??= createRequire(import.meta.url)('typescript') as typeof ts;
  return typescriptModule;
}
