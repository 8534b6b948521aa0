import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { DomainError } from '../../common/domain-error.js';
import { parseInput } from '../../common/http/parse-query.js';
import { changePasswordBodySchema, loginBodySchema, type Me } from '../../contracts/auth.contract.js';
import { AllowsPendingPasswordChange, anyRole, Public, Roles } from './access.decorator.js';
import { AuthService } from './auth.service.js';
import type { AuthRequest, RequestUser } from './auth-request.type.js';
import { CurrentUser, clientAddress } from './current-user.decorator.js';
import { isLocalRequest } from './demo-sign-in.js';
import { RouteRolesService } from './route-roles.service.js';
import { sessionCookie } from './session-cookie.util.js';

/** The part of Express's response used here. */
interface CookieResponse {
  setHeader(name: string, value: string): void;
}

/** Signing in and out, who is signed in, and changing one's own password. */
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(RouteRolesService) private readonly routeRoles: RouteRolesService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  async login(
    @Body() body: unknown,
    @Req() request: AuthRequest,
    @Res({ passthrough: true }) response: CookieResponse,
  ): Promise<Me> {
    // JSON only: a form on another site can post urlencoded fields without asking, and would sign the
    // visitor's browser in to the attacker's account (login CSRF); a JSON post from there needs CORS.
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new DomainError(
        'Invalid body: send the sign-in as JSON (content-type: application/json)',
        'INVALID_BODY',
      );
    }
    const { token, me } = await this.auth.login(
      parseInput(loginBodySchema, body, 'body'),
      clientAddress(request),
    );
    response.setHeader('Set-Cookie', sessionCookie(token, Boolean(request.secure)));
    return { ...me, routeRoles: this.routeRoles.dashboardRouteRoles() };
  }

  /** `npm start`'s demo on localhost: signs in as `demo` (admin). 404 everywhere else. */
  @Post('demo')
  @Public()
  @HttpCode(200)
  async demo(@Req() request: AuthRequest, @Res({ passthrough: true }) response: CookieResponse): Promise<Me> {
    const { token, me } = await this.auth.demoSignIn(clientAddress(request), isLocalRequest(request.headers));
    response.setHeader('Set-Cookie', sessionCookie(token, Boolean(request.secure)));
    return { ...me, routeRoles: this.routeRoles.dashboardRouteRoles() };
  }

  @Post('logout')
  @Roles(...anyRole)
  @AllowsPendingPasswordChange()
  @HttpCode(204)
  async logout(
    @CurrentUser() user: RequestUser,
    @Req() request: AuthRequest,
    @Res({ passthrough: true }) response: CookieResponse,
  ): Promise<void> {
    await this.auth.logout(user);
    response.setHeader('Set-Cookie', sessionCookie(null, Boolean(request.secure)));
  }

  @Get('me')
  @Roles(...anyRole)
  @AllowsPendingPasswordChange()
  me(@CurrentUser() user: RequestUser): Me {
    return {
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      mustChangePassword: user.mustChangePassword,
      routeRoles: this.routeRoles.dashboardRouteRoles(),
    };
  }

  @Post('password')
  @Roles(...anyRole)
  @AllowsPendingPasswordChange()
  @HttpCode(204)
  async password(
    @CurrentUser() user: RequestUser,
    @Body() body: unknown,
    @Req() request: AuthRequest,
  ): Promise<void> {
    const { current, next } = parseInput(changePasswordBodySchema, body, 'body');
    await this.auth.changePassword(user, current, next, clientAddress(request));
  }
}
