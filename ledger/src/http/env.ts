// What the middleware hands the routes: the client's key (its address, see client-address.ts).
export type AppEnv = { Variables: { client: string } };
